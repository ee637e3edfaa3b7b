using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GemPix.Api.OpenApi;

/// <summary>The health routes, which are health-check endpoints rather than route handlers and so not described by themselves.</summary>
internal sealed class HealthPathsTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas["Health"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "status", "checks" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. new[] { "healthy", "degraded", "unhealthy" }.Select(s => (System.Text.Json.Nodes.JsonNode)s)] },
                ["checks"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    AdditionalProperties = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "status" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["status"] = new OpenApiSchema { Type = JsonSchemaType.String },
                            ["description"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        },
                    },
                },
            },
        };
        document.Paths ??= [];
        document.Paths["/health/live"] = Path(document, "Liveness: the process serves requests.", false);
        document.Paths["/health/ready"] = Path(document, "Readiness: the database answers and its schema is current.", true);
        return Task.CompletedTask;
    }

    private static OpenApiPathItem Path(OpenApiDocument document, string summary, bool canBeUnready)
    {
        var responses = new OpenApiResponses
        {
            ["200"] = Answer(document, "Healthy."),
        };
        if (canBeUnready)
        {
            responses["503"] = Answer(document, "Not ready: the database is unreachable or its schema is not current.");
        }

        return new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new OpenApiOperation { Summary = summary, Tags = new HashSet<OpenApiTagReference> { new("Health", document) }, Responses = responses },
            },
        };
    }

    private static OpenApiResponse Answer(OpenApiDocument document, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchemaReference("Health", document) } },
    };
}
