using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace GemPix.Api.Tests.Conformance;

/// <summary>
/// The host's own OpenAPI document, read as a contract: for an answer, the operation its method and path name, whether
/// its status is described, whether its content type is one the document gives, and whether a JSON body validates
/// against the schema (references resolved, JSON Schema 2020-12 as OpenAPI 3.1 has it).
/// </summary>
public sealed partial class OpenApiContract
{
    private readonly JsonObject _document;
    private readonly List<(string Method, Regex Path, string Template, JsonObject Operation)> _operations = [];
    private readonly Dictionary<string, JsonSchema> _schemas = [];

    private OpenApiContract(JsonObject document)
    {
        _document = document;
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            var pattern = new Regex("^" + Parameter().Replace(Regex.Escape(template).Replace("\\{", "{", StringComparison.Ordinal), "[^/]+") + "$");
            foreach (var (method, operation) in item!.AsObject())
            {
                if (operation is JsonObject op && op.ContainsKey("responses"))
                {
                    _operations.Add((method.ToUpperInvariant(), pattern, template, op));
                }
            }
        }
    }

    public JsonObject Document => _document;

    public IReadOnlyList<(string Method, string Template, JsonObject Operation)> Operations =>
        [.. _operations.Select(o => (o.Method, o.Template, o.Operation))];

    public static async Task<OpenApiContract> LoadAsync(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var text = await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        return new OpenApiContract(JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>What is wrong with this answer by the document; nothing for a route the document does not have.</summary>
    public IEnumerable<string> Violations(RecordedAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var match = _operations.FirstOrDefault(o => o.Method == answer.Method && o.Path.IsMatch(answer.Path));
        if (match.Operation is null)
        {
            yield break;
        }

        var where = $"{answer.Method} {answer.Path} ({match.Template}) → {answer.Status}";
        var responses = match.Operation["responses"]!.AsObject();
        if ((responses[answer.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] ?? responses["default"]) is not JsonObject response)
        {
            yield return $"{where}: status not described";
            yield break;
        }

        var mediaType = answer.ContentType?.Split(';')[0].Trim();
        if (response["content"] is not JsonObject content || content.Count == 0)
        {
            if (answer.Body.Length > 0)
            {
                yield return $"{where}: a body where the document describes none";
            }

            yield break;
        }

        if (mediaType is null || content[mediaType] is not JsonObject media)
        {
            yield return $"{where}: content type {answer.ContentType ?? "(none)"} not among {string.Join(", ", content.Select(c => c.Key))}";
            yield break;
        }

        if (!mediaType.EndsWith("json", StringComparison.Ordinal) || media["schema"] is not JsonObject schemaNode)
        {
            yield break;
        }

        JsonNode? body;
        string? parseError = null;
        try
        {
            body = JsonNode.Parse(answer.Body);
        }
        catch (JsonException e)
        {
            body = null;
            parseError = e.Message;
        }

        if (parseError is not null)
        {
            yield return $"{where}: the body is not JSON ({parseError})";
            yield break;
        }

        var schema = SchemaOf($"{match.Method} {match.Template} {answer.Status} {mediaType}", schemaNode);
        var result = schema.Evaluate(JsonDocument.Parse(answer.Body).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
        {
            var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(5);
            yield return $"{where}: {string.Join("; ", errors)} in {Encoding.UTF8.GetString(answer.Body)[..Math.Min(300, answer.Body.Length)]}";
        }
    }

    /// <summary>The schema a reference names, or the schema itself.</summary>
    public JsonObject Resolve(JsonNode schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return Inline(schema, 0)!.AsObject();
    }

    private JsonSchema SchemaOf(string key, JsonObject schema)
    {
        if (!_schemas.TryGetValue(key, out var compiled))
        {
            compiled = JsonSchema.FromText(Inline(schema, 0)!.ToJsonString());
            _schemas[key] = compiled;
        }

        return compiled;
    }

    /// <summary>A copy of the schema with every <c>#/components/schemas/X</c> reference replaced by X itself.</summary>
    private JsonNode? Inline(JsonNode? node, int depth)
    {
        switch (node)
        {
            case JsonObject obj when obj["$ref"]?.GetValue<string>() is { } reference:
                var name = reference["#/components/schemas/".Length..];
                return depth > 12 ? new JsonObject() : Inline(_document["components"]!["schemas"]![name], depth + 1);
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (k, v) in obj)
                {
                    copy[k] = Inline(v, depth);
                }

                return copy;
            case JsonArray array:
                return new JsonArray([.. array.Select(a => Inline(a, depth))]);
            default:
                return node?.DeepClone();
        }
    }

    [GeneratedRegex("\\{[^}]+\\}")]
    private static partial Regex Parameter();
}
