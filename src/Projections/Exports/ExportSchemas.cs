using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using GemPix.Domain.Protection;
using GemPix.EventStore.Serialization;
using NodaTime;

namespace GemPix.Projections.Exports;

/// <summary>
/// JSON Schemas (draft 2020-12) for the export's files, generated from the very records and options that write them,
/// so a schema cannot drift from its file. Where the generator cannot see a shape (a custom converter), this says it.
/// </summary>
internal static class ExportSchemas
{
    private const string Draft = "https://json-schema.org/draft/2020-12/schema";
    private const string IdBase = "https://gempix.dev/schemas/export/";
    private const string ErasedReference = "#/$defs/erasedValue";

    private static readonly JsonSchemaExporterOptions ExporterOptions = new()
    {
        TreatNullObliviousAsNonNullable = true,
        TransformSchemaNode = Transform,
    };

    public static string PathOf(string name) => $"schema/{name}.schema.json";

    /// <summary>The schema of <c>data/&lt;category&gt;.json</c>: its events are one of the category's registered event types.</summary>
    public static JsonObject ForCategory(ExportCategory category, IEnumerable<EventType> eventTypes, Type? summaryType)
    {
        ArgumentNullException.ThrowIfNull(category);
        var schema = Generate(typeof(CategoryDocument));
        var properties = schema["properties"]!.AsObject();
        properties["category"] = new JsonObject { ["const"] = category.Name };
        if (summaryType is null)
        {
            properties.Remove("summary");
        }
        else
        {
            properties["summary"] = Generate(summaryType);
        }

        var exportedEvent = Generate(typeof(ExportedEvent));
        exportedEvent["properties"]!["data"] = new JsonObject { ["type"] = "object" };
        var variants = eventTypes.OrderBy(t => t.Name, StringComparer.Ordinal).Select(Variant).ToArray();
        if (variants.Length > 0)
        {
            // The stored name tells which shape the data has; exactly one variant matches each event.
            exportedEvent["oneOf"] = new JsonArray(variants);
        }

        properties["events"] = new JsonObject { ["type"] = "array", ["items"] = exportedEvent };
        return Document(category.Name, $"GemPix export: {category.Title}", schema);
    }

    /// <summary>The schema of <c>manifest.json</c>.</summary>
    public static JsonObject ForManifest()
    {
        var schema = Generate(typeof(ExportManifest));
        schema["properties"]!["files"]!["items"]!["properties"]!["sha256"]!["pattern"] = "^[0-9a-f]{64}$";
        return Document("manifest", "GemPix export: manifest", schema);
    }

    private static JsonNode Variant(EventType type) => new JsonObject
    {
        ["properties"] = new JsonObject
        {
            ["type"] = new JsonObject { ["const"] = type.Name },
            ["data"] = Generate(type.ClrType),
        },
    };

    private static JsonObject Document(string name, string title, JsonObject schema)
    {
        var document = new JsonObject
        {
            ["$schema"] = Draft,
            ["$id"] = $"{IdBase}{name}.schema.json",
            ["title"] = title,
        };
        foreach (var (key, value) in schema)
        {
            document[key] = value?.DeepClone();
        }

        var erased = Generate(typeof(ErasedValue));
        erased["properties"]!["erased"] = new JsonObject { ["const"] = true };
        erased["properties"]!["scope"] = new JsonObject { ["enum"] = new JsonArray("personal", "billing") };
        erased["additionalProperties"] = false;
        document["$defs"] = new JsonObject { ["erasedValue"] = erased };
        return document;
    }

    private static JsonObject Generate(Type type) =>
        JsonSchemaExporter.GetJsonSchemaAsNode(ExportJson.Options, type, ExporterOptions).AsObject();

    /// <summary>Shapes the generator cannot see through a custom converter, and nullables made optional.</summary>
    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode node)
    {
        var type = Nullable.GetUnderlyingType(context.TypeInfo.Type) ?? context.TypeInfo.Type;
        if (type == typeof(Instant))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "date-time" };
        }

        if (type == typeof(LocalDate))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "date" };
        }

        if (type.IsGenericType && typeof(IProtectedValue).IsAssignableFrom(type))
        {
            return new JsonObject
            {
                ["anyOf"] = new JsonArray(Generate(type.GetGenericArguments()[0]), new JsonObject { ["$ref"] = ErasedReference }),
            };
        }

        if (type == typeof(ExportedEventList))
        {
            return new JsonObject { ["type"] = "array" };
        }

        if (node is JsonObject schema && context.TypeInfo.Kind == JsonTypeInfoKind.Object)
        {
            MakeNullablesOptional(schema, context.TypeInfo);
        }

        return node;
    }

    /// <summary>
    /// Null is never written (GemPix's JSON leaves such properties out), so a nullable property is optional and,
    /// when present, not null.
    /// </summary>
    private static void MakeNullablesOptional(JsonObject schema, JsonTypeInfo typeInfo)
    {
        if (schema["properties"] is not JsonObject properties)
        {
            return;
        }

        var required = schema["required"] as JsonArray;
        foreach (var property in typeInfo.Properties.Where(p => p.IsGetNullable))
        {
            if (required?.FirstOrDefault(r => r?.GetValue<string>() == property.Name) is { } entry)
            {
                required.Remove(entry);
            }

            if (properties[property.Name] is JsonObject propertySchema)
            {
                RemoveNull(propertySchema, "type");
                RemoveNull(propertySchema, "enum");
            }
        }
    }

    private static void RemoveNull(JsonObject schema, string keyword)
    {
        if (schema[keyword] is not JsonArray values)
        {
            return;
        }

        foreach (var value in values.Where(v => v is null || (v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == "null" && keyword == "type")).ToList())
        {
            values.Remove(value);
        }

        if (keyword == "type" && values.Count == 1)
        {
            schema[keyword] = values[0]!.GetValue<string>();
        }
    }
}
