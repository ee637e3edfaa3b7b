using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GemPix.Api.OpenApi;

/// <summary>
/// The request headers GemPix reads besides credentials: <c>Idempotency-Key</c> on every POST, and <c>Sec-GPC</c>
/// (Global Privacy Control) on an end user's routes and on registration, where it is recorded as an opt-out.
/// </summary>
internal sealed class RequestHeadersTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        operation.Parameters ??= [];
        if (string.Equals(context.Description.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = Idempotency.IdempotencyMiddleware.Header,
                In = ParameterLocation.Header,
                Description = "A retry with the same key and body gets the first answer again and changes nothing twice (docs/end-users.md).",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = Idempotency.IdempotencyMiddleware.MaxKeyLength, Pattern = "^[!-~]+$" },
            });
        }

        var route = context.Description.RelativePath ?? string.Empty;
        if (operation.Security is { Count: > 0 } security && security.Any(r => r.Keys.Any(k => k.Reference.Id == ApiSecurityTransformer.Session))
            || route.Equals("v1/accounts", StringComparison.Ordinal))
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "Sec-GPC",
                In = ParameterLocation.Header,
                Description = "Global Privacy Control: 1 records an opt-out of analytics and marketing.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [System.Text.Json.Nodes.JsonValue.Create("1")] },
            });
        }

        return Task.CompletedTask;
    }
}
