using System.Text.Json;

namespace GemPix.Api.Tests.Exports;

/// <summary>
/// A deliberately small JSON Schema check, written here so that the export's schemas are judged by something other
/// than the code that made them: <c>type</c>, <c>required</c>, <c>properties</c>, <c>items</c>, <c>const</c>,
/// <c>enum</c>, <c>anyOf</c>, <c>oneOf</c> and local <c>$ref</c>s. Formats and the rest are not checked.
/// </summary>
public static class LooseSchema
{
    public static IReadOnlyList<string> Violations(JsonElement schema, JsonElement instance)
    {
        var violations = new List<string>();
        Check(schema, schema, instance, "$", violations);
        return violations;
    }

    private static void Check(JsonElement root, JsonElement schema, JsonElement value, string at, List<string> violations)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!["#/$defs/".Length..];
            Check(root, root.GetProperty("$defs").GetProperty(name), value, at, violations);
        }

        if (schema.TryGetProperty("type", out var type) && !KindMatches(type, value))
        {
            violations.Add($"{at}: {value.ValueKind} is not {type}");
            return;
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            violations.Add($"{at}: {value} is not {constant}");
        }

        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => JsonElement.DeepEquals(v, value)))
        {
            violations.Add($"{at}: {value} is not one of {values}");
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out var required))
            {
                violations.AddRange(required.EnumerateArray().Where(r => !value.TryGetProperty(r.GetString()!, out _)).Select(r => $"{at}: lacks {r}"));
            }

            if (schema.TryGetProperty("properties", out var properties))
            {
                foreach (var property in properties.EnumerateObject())
                {
                    if (value.TryGetProperty(property.Name, out var child))
                    {
                        Check(root, property.Value, child, $"{at}.{property.Name}", violations);
                    }
                }
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(root, items, item, $"{at}[{index++}]", violations);
            }
        }

        if (schema.TryGetProperty("anyOf", out var anyOf) && !anyOf.EnumerateArray().Any(s => Passes(root, s, value, at)))
        {
            violations.Add($"{at}: matches none of anyOf");
        }

        if (schema.TryGetProperty("oneOf", out var oneOf) && oneOf.EnumerateArray().Count(s => Passes(root, s, value, at)) != 1)
        {
            violations.Add($"{at}: does not match exactly one of oneOf");
        }
    }

    private static bool Passes(JsonElement root, JsonElement schema, JsonElement value, string at)
    {
        var violations = new List<string>();
        Check(root, schema, value, at, violations);
        return violations.Count == 0;
    }

    private static bool KindMatches(JsonElement type, JsonElement value) => type.ValueKind == JsonValueKind.Array
        ? type.EnumerateArray().Any(t => KindMatches(t.GetString()!, value))
        : KindMatches(type.GetString()!, value);

    private static bool KindMatches(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => false,
    };
}
