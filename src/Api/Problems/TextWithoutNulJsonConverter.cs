using System.Text.Json;
using System.Text.Json.Serialization;

namespace GemPix.Api.Problems;

/// <summary>
/// Request strings as the API reads them: a NUL character (<c>\u0000</c>) is refused while the body is read, since no
/// text GemPix keeps (PostgreSQL text and jsonb) can hold one; the binding problem then names the field.
/// </summary>
internal sealed class TextWithoutNulJsonConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException();
        }

        var text = reader.GetString()!;
        return text.Contains('\0', StringComparison.Ordinal) ? throw new RefusedTextException() : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}

/// <summary>A request string refused for what it holds; its message says what, never the text itself.</summary>
internal sealed class RefusedTextException() : JsonException("must not contain a NUL character");
