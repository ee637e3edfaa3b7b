using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime.Serialization.SystemTextJson;

namespace GemPix.Domain.Serialization;

/// <summary>
/// The one place where GemPix decides how JSON looks: the HTTP API, stored events and exports all use it,
/// so a date written by one can always be read by another.
/// </summary>
public static class GemPixJson
{
    /// <summary>Applies GemPix's conventions to <paramref name="options"/> (camelCase, ISO-8601 NodaTime values through NodaTime.Serialization.SystemTextJson).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.NumberHandling = JsonNumberHandling.Strict;
        // NodaTime's own converters, as its serialization package has them: ISO-8601 instants in UTC (a fraction only
        // when there is one) and ISO dates, the forms every stored event and answer has always had.
        options.Converters.Add(NodaConverters.InstantConverter);
        options.Converters.Add(NodaConverters.LocalDateConverter);
        options.Converters.Add(new ProtectedValueJsonConverterFactory());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        return options;
    }

    /// <summary>A frozen instance of the options, for code outside ASP.NET Core.</summary>
    public static JsonSerializerOptions Options { get; } = CreateFrozen();

    /// <summary>An enum value as the JSON of the API and the events spells it (kebab-case: <c>model-training</c>).</summary>
    public static string EnumName<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    private static JsonSerializerOptions CreateFrozen()
    {
        var options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
