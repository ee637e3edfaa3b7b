using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GemPix.Api.OpenApi;

/// <summary>
/// Answers that are files or documents of their own type rather than a JSON type of the code's (a PNG, a zip, a JWS, a
/// JWKS, CSV), as the routes declare them with <c>Produces(status, contentType: ...)</c>: each content type gets the
/// schema of what it carries.
/// </summary>
internal sealed class FileResponsesTransformer : IOpenApiOperationTransformer
{
    private static readonly Dictionary<string, Func<OpenApiSchema>> Schemas = new()
    {
        ["image/png"] = () => new() { Type = JsonSchemaType.String, Format = "binary", Description = "A PNG (an animated PNG for a sequence) with its provenance manifest." },
        ["application/zip"] = () => new() { Type = JsonSchemaType.String, Format = "binary", Description = "A zip archive with manifest.json at its root." },
        ["application/jose"] = () => new() { Type = JsonSchemaType.String, Description = "A JWS in compact serialization, ES256." },
        ["text/csv"] = () => new() { Type = JsonSchemaType.String, Description = "Comma-separated values with a header row." },
        ["application/jwk-set+json"] = Jwks,
    };

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var declared = context.Description.ActionDescriptor.EndpointMetadata.OfType<IProducesResponseTypeMetadata>().Where(p => p.StatusCode is >= 200 and < 300).ToList();
        // The key set answers as plain JSON too, for a client that asks for that.
        var keySet = declared.Any(p => p.ContentTypes.Contains("application/jwk-set+json"));
        foreach (var produces in declared)
        {
            var code = produces.StatusCode.ToString(CultureInfo.InvariantCulture);
            operation.Responses ??= [];
            if (!operation.Responses.TryGetValue(code, out var existing) || existing is not OpenApiResponse response)
            {
                response = new OpenApiResponse { Description = "OK" };
                operation.Responses[code] = response;
            }

            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            foreach (var type in produces.ContentTypes)
            {
                if (response.Content.TryGetValue(type, out var media) && media.Schema is not null)
                {
                    continue;
                }

                IOpenApiSchema? schema = produces.Type is { } clrType && clrType != typeof(void)
                    ? await context.GetOrCreateSchemaAsync(clrType, null, cancellationToken)
                    : Schemas.TryGetValue(type, out var make) ? make() : keySet && type == "application/json" ? Jwks() : null;
                response.Content[type] = new OpenApiMediaType { Schema = schema };
            }
        }
    }

    /// <summary>A JSON Web Key Set (RFC 7517): the ES256 public keys that sign certificates and tree heads.</summary>
    private static OpenApiSchema Jwks() => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "keys" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["keys"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "kty", "kid" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["kty"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["kid"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["crv"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["x"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["y"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["alg"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["use"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    },
                },
            },
        },
    };
}
