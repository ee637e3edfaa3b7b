using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GemPix.Api.OpenApi;

/// <summary>
/// The problems each operation can answer, as <c>application/problem+json</c> with one Problem schema: what every
/// route can meet (406, 429, 500, 503), what credentials bring (401, 403), ids in the path (404), a body (400, 413,
/// 415, 422) and an <c>Idempotency-Key</c> on a POST (409, 422). docs/problems.md lists the types.
/// </summary>
internal sealed class ProblemResponsesTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string ProblemSchema = "Problem";
    public const string ProblemMediaType = "application/problem+json";

    private static readonly Dictionary<int, string> Descriptions = new()
    {
        [400] = "The request cannot be read (malformed JSON, a wrong type, a bad parameter); errors names the field.",
        [401] = "No credentials, or unknown or expired ones.",
        [402] = "Not enough credits.",
        [403] = "The credentials' role may not do this.",
        [404] = "No such resource for this caller.",
        [406] = "The Accept header excludes every type this route answers with.",
        [409] = "A concurrent change won, or (with Retry-After) the first request with this Idempotency-Key is still running.",
        [410] = "Gone: erased with its subject.",
        [413] = "The body is over the route's limit.",
        [415] = "The body's content type (or, for uploads, its content) is not accepted.",
        [422] = "Well-formed but breaks a rule; errors names the field.",
        [429] = "Too many requests; Retry-After says when to come back.",
        [500] = "A fault of ours; traceId identifies it in the log.",
        [503] = "The database is unavailable; Retry-After says when to come back.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "An RFC 9457 problem; clients branch on type.",
            Required = new HashSet<string> { "type", "title", "status" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri" },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "From a field's JSON name to what it expects.",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
            },
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var description = context.Description;
        var secured = operation.Security is { Count: > 0 };
        var hasBody = operation.RequestBody is not null;
        var isPost = string.Equals(description.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase);
        var statuses = new List<int> { 406, 429, 500, 503 };
        if (secured)
        {
            statuses.AddRange([401, 403]);
        }

        if (description.ParameterDescriptions.Count > 0 || hasBody)
        {
            statuses.Add(400);
        }

        if ((description.RelativePath ?? "").Contains('{', StringComparison.Ordinal))
        {
            statuses.Add(404);
        }

        if (hasBody)
        {
            statuses.AddRange([413, 415, 422]);
        }

        if (isPost)
        {
            statuses.AddRange([409, 422]);
        }

        operation.Responses ??= [];
        // Problems a route declares itself (ProducesProblem: a 402, a 410) and the ones every route of its kind can meet.
        statuses.AddRange(operation.Responses.Keys.Select(k => int.TryParse(k, CultureInfo.InvariantCulture, out var s) ? s : 0).Where(s => s >= 400));
        foreach (var status in statuses.Distinct().Order())
        {
            var code = status.ToString(CultureInfo.InvariantCulture);

            var response = new OpenApiResponse
            {
                Description = Descriptions.GetValueOrDefault(status, "A problem."),
                Content = new Dictionary<string, OpenApiMediaType> { [ProblemMediaType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) } },
            };
            if (status is 429 or 503 || (status == 409 && isPost))
            {
                response.Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before retrying.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
                };
            }

            operation.Responses[code] = response;
        }

        return Task.CompletedTask;
    }
}
