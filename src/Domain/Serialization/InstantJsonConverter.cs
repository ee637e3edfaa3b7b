using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace GemPix.Domain.Serialization;

/// <summary>
/// Writes an <see cref="Instant"/> as ISO-8601 UTC (<c>2026-11-22T10:15:30Z</c>, with a fraction only when
/// there is one) and reads the same form back.
/// </summary>
public sealed class InstantJsonConverter : JsonConverter<Instant>
{
    private static readonly InstantPattern Pattern = InstantPattern.ExtendedIso;

    public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("An instant must be an ISO-8601 UTC string such as 2026-11-22T10:15:30Z.");
        }

        var result = Pattern.Parse(reader.GetString()!);
        return result.Success
            ? result.Value
            : throw new JsonException("An instant must be an ISO-8601 UTC string such as 2026-11-22T10:15:30Z.");
    }

    public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Pattern.Format(value));
}
