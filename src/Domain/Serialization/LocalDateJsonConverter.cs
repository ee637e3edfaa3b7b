using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace GemPix.Domain.Serialization;

/// <summary>Writes a <see cref="LocalDate"/> as ISO-8601 (<c>2001-02-28</c>) and reads the same form back.</summary>
public sealed class LocalDateJsonConverter : JsonConverter<LocalDate>
{
    private static readonly LocalDatePattern Pattern = LocalDatePattern.Iso;

    public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A date must be an ISO-8601 string such as 2001-02-28.");
        }

        var result = Pattern.Parse(reader.GetString()!);
        return result.Success
            ? result.Value
            : throw new JsonException("A date must be an ISO-8601 string such as 2001-02-28.");
    }

    public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Pattern.Format(value));
}
