using System.Text.Json;
using System.Text.Json.Serialization;

namespace GemPix.Projections.Exports;

/// <summary>Writes an <see cref="ExportedEventList"/>'s JSON as it is, inside the document being serialised.</summary>
internal sealed class ExportedEventListJsonConverter : JsonConverter<ExportedEventList>
{
    public override ExportedEventList Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("An export is written, never read back.");

    public override void Write(Utf8JsonWriter writer, ExportedEventList value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        // Every event was written by the serialiser itself: checking the bytes again would cost a second parse.
        writer.WriteRawValue(value.Json().Span, skipInputValidation: true);
    }
}
