using System.Text.Encodings.Web;
using System.Text.Json;
using GemPix.Domain.Serialization;

namespace GemPix.Projections.Exports;

/// <summary>
/// How the export's JSON looks: GemPix's conventions (camelCase, ISO-8601 instants, kebab-case enums), personal
/// values in plain form, indented for a person's eyes.
/// </summary>
internal static class ExportJson
{
    /// <summary>
    /// Letters outside ASCII and characters such as <c>'</c> stay as they are, so that a person finds their own words in
    /// the files. The files are never embedded in HTML, which is what the default escaping guards against.
    /// </summary>
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>The writer settings for one event per line inside a category's events array.</summary>
    public static JsonWriterOptions CompactWriter { get; } = new() { Encoder = Encoder, Indented = false };

    private static JsonSerializerOptions Create()
    {
        var options = GemPixJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        // Ahead of the stored-shape converter GemPixJson adds: the first converter that accepts a type wins.
        options.Converters.Insert(0, new PlainProtectedValueJsonConverterFactory());
        options.Encoder = Encoder;
        options.WriteIndented = true;
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
