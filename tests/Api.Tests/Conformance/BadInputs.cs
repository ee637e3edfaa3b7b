using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using GemPix.Api.Authentication;

namespace GemPix.Api.Tests.Conformance;

/// <summary>
/// Generates bad requests for one operation of the OpenAPI document, from what the document says the operation
/// takes: its path and query parameters by their schemas, its JSON body by the body's schema (a valid body of the
/// schema's shape is the start, and at least one thing of it is then broken), its multipart body, its headers.
/// </summary>
public sealed class BadInputs
{
    private static readonly string[] BadTexts = ["", " ", "\u0000", "a\u0000b", "\u202Eevil", "\u200B", new string('x', 5000), "😀", "%00", "../../etc/passwd", "<script>", "' OR 1=1 --"];
    private static readonly JsonNode?[] WrongValues = [null, true, 0, -1, 2147483648L, 9007199254740993L, 1.5, "x", "", "\u0000", new JsonArray(), new JsonObject(), "1990-13-45", "0000-01-01", "not-a-uuid"];
    private static readonly string[] BadJson = ["", "not json", "{", "[]", "null", "\"text\"", "{\"a\":", "{\"a\" 1}", "1e400", "{\"x\":1e400}", "\uFEFF{", "{\"\u0000\":1}"];

    private readonly OpenApiContract _contract;
    private readonly JsonObject _operation;

    public BadInputs(OpenApiContract contract, string method, string template, JsonObject operation)
    {
        _contract = contract;
        _operation = operation;
        Method = method;
        Template = template;
        Role = RoleOf(operation);
        Generator = Gen.Select(PathGen(), QueryGen(), BodyGen(), HeaderGen(), (path, query, body, headers) =>
            new BadRequest(Method, path, query, body.ContentType, body.Bytes, body.Description, headers, Role));
    }

    public string Method { get; }

    public string Template { get; }

    public string Role { get; }

    public Gen<BadRequest> Generator { get; }

    private static string RoleOf(JsonObject operation) =>
        operation["security"] is JsonArray { Count: > 0 } security
            ? security[0]!.AsObject().First().Value!.AsArray().Select(r => r!.GetValue<string>()).First()
            : "anonymous";

    private IEnumerable<JsonObject> Parameters(string location) =>
        (_operation["parameters"] as JsonArray ?? []).OfType<JsonObject>().Where(p => p["in"]?.GetValue<string>() == location);

    private Gen<string> PathGen()
    {
        var gen = Gen.Const<string>(Template);
        foreach (var parameter in Parameters("path"))
        {
            var name = parameter["name"]!.GetValue<string>();
            var isUuid = parameter["schema"]?["format"]?.GetValue<string>() == "uuid";
            var values = isUuid
                ? Gen.OneOf(Gen.Guid.Select(g => g.ToString()), Gen.OneOf("not-a-uuid", "0", "%2500", "00000000-0000-0000-0000-000000000000", "%2e%2e"))
                : Gen.OneOf(Gen.String[Gen.Char.AlphaNumeric, 1, 12], Gen.OneOf("analytics", "%2500", "%20", "x%2Fy"));
            gen = gen.SelectMany(path => values.Select(v => path.Replace("{" + name + "}", v, StringComparison.Ordinal)));
        }

        return gen;
    }

    private Gen<string> QueryGen()
    {
        var gen = Gen.Const<string>(string.Empty);
        foreach (var parameter in Parameters("query"))
        {
            var name = parameter["name"]!.GetValue<string>();
            // Null: the parameter left out.
            var value = Gen.OneOf(
                Gen.OneOf<string?>(null, "x", "-1", "0", "99999999999999999999", "%00", "", "1.5", "2026-13-45T99:99:99Z", "true"),
                Gen.Long.Select(l => (string?)l.ToString(CultureInfo.InvariantCulture)));
            gen = gen.SelectMany(query => value.Select(v => v is null ? query : $"{query}{(query.Length == 0 ? "?" : "&")}{name}={v}"));
        }

        return gen;
    }

    private Gen<Body> BodyGen()
    {
        var content = _operation["requestBody"]?["content"] as JsonObject;
        if (content?["multipart/form-data"] is not null)
        {
            return MultipartGen();
        }

        if (content?["application/json"]?["schema"] is not JsonNode schemaNode)
        {
            return Gen.OneOf(Gen.Const(Body.None), Gen.OneOf(BadJson).Select(text => Body.Json(text, "a body where none is read")));
        }

        var schema = _contract.Resolve(schemaNode);
        var properties = (schema["properties"] as JsonObject)?.Select(p => p.Key).ToArray() ?? [];
        var required = (schema["required"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToArray() ?? [];
        var valid = ValidObject(schema);
        Gen<Body> broken = Gen.OneOf(
            Gen.OneOf(BadJson).Select(text => Body.Json(text, "malformed JSON")),
            Gen.Const(Body.Json(valid.ToJsonString(), "no content type")).Select(b => b with { ContentType = "text/plain" }));
        if (properties.Length > 0)
        {
            broken = Gen.OneOf(
                broken,
                Gen.Int[0, properties.Length - 1].SelectMany(i => Gen.Int[0, WrongValues.Length - 1].Select(v =>
                {
                    var copy = valid.DeepClone().AsObject();
                    copy[properties[i]] = WrongValues[v]?.DeepClone();
                    return Body.Json(copy.ToJsonString(), $"{properties[i]} = {WrongValues[v]?.ToJsonString() ?? "null"}");
                })),
                Gen.Int[0, properties.Length - 1].SelectMany(i => Gen.Int[0, BadTexts.Length - 1].Select(t =>
                {
                    var copy = valid.DeepClone().AsObject();
                    copy[properties[i]] = BadTexts[t];
                    copy["unknownField"] = "ignored?";
                    return Body.Json(copy.ToJsonString(), $"{properties[i]} = text #{t}");
                })));
        }

        if (required.Length > 0)
        {
            broken = Gen.OneOf(broken, Gen.Int[0, required.Length - 1].Select(i =>
            {
                var copy = valid.DeepClone().AsObject();
                copy.Remove(required[i]);
                return Body.Json(copy.ToJsonString(), $"without {required[i]}");
            }));
        }

        return broken;
    }

    private static Gen<Body> MultipartGen() => Gen.OneOf(
        Gen.Const(Body.None),
        Gen.Byte.Array[0, 64].Select(bytes => Body.Multipart("expected", "expected", "file", bytes, "random bytes")),
        Gen.Byte.Array[0, 64].Select(bytes => Body.Multipart("expected", "other", "file", bytes, "a boundary that does not match")),
        Gen.Byte.Array[0, 64].Select(bytes => Body.Multipart("expected", "expected", "picture", bytes, "no file field")),
        Gen.Const(Body.Multipart("expected", "expected", "file", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "a truncated PNG header")),
        Gen.OneOf(BadJson).Select(text => Body.Json(text, "JSON where multipart is read")));

    /// <summary>A body of the schema's shape with a plausible value for each property, to be broken in one place.</summary>
    private JsonObject ValidObject(JsonObject schema)
    {
        var body = new JsonObject();
        foreach (var (name, propertyNode) in schema["properties"] as JsonObject ?? [])
        {
            var property = _contract.Resolve(propertyNode!);
            var types = property["type"] switch
            {
                JsonArray array => array.Select(t => t!.GetValue<string>()).ToArray(),
                JsonValue value => [value.GetValue<string>()],
                _ => [],
            };
            body[name] = property["format"]?.GetValue<string>() switch
            {
                "uuid" => Guid.NewGuid().ToString(),
                "date" => "1990-01-31",
                "date-time" => "2026-11-22T10:15:30Z",
                _ when types.Contains("integer") => 64,
                _ when types.Contains("number") => 1.5,
                _ when types.Contains("boolean") => true,
                _ when types.Contains("string") => name.Contains("email", StringComparison.OrdinalIgnoreCase) ? "someone@example.org" : "plain text",
                _ => null,
            };
        }

        return body;
    }

    private static Gen<(string Name, string Value)[]> HeaderGen() => Gen.Frequency(
        (6, Gen.Const(Array.Empty<(string, string)>())),
        (1, Gen.OneOf(
            ("Idempotency-Key", "has space"), ("Idempotency-Key", new string('k', 300)), ("Idempotency-Key", "ümlaut"), ("Sec-GPC", "yes"),
            ("Accept", "application/xml"), ("Accept", "text/html;q=0"), ("Content-Language", "\u0001")).Select(h => new[] { h })));

    public sealed record Body(string? ContentType, byte[]? Bytes, string Description)
    {
        public static Body None { get; } = new(null, null, "no body");

        public static Body Json(string text, string description) => new("application/json", Encoding.UTF8.GetBytes(text), description);

        public static Body Multipart(string declared, string used, string field, byte[] file, string description)
        {
            var bytes = Encoding.ASCII.GetBytes($"--{used}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"f.png\"\r\nContent-Type: image/png\r\n\r\n")
                .Concat(file).Concat(Encoding.ASCII.GetBytes($"\r\n--{used}--\r\n")).ToArray();
            return new($"multipart/form-data; boundary={declared}", bytes, description);
        }
    }
}

/// <summary>One generated request, printed as CsCheck reports the smallest failing one.</summary>
public sealed record BadRequest(
    string Method, string Path, string Query, string? ContentType, byte[]? Body, string Description, (string Name, string Value)[] Headers, string Role)
{
    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), new Uri(Path + Query, UriKind.Relative));
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }

        foreach (var (name, value) in Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    public override string ToString() =>
        $"{Method} {Path}{Query} as {Role} with {Description}{string.Concat(Headers.Select(h => $", {h.Name}: {(h.Value.Length > 20 ? h.Value[..20] + "…" : h.Value)}"))}";
}
