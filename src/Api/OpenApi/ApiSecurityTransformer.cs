using GemPix.Api.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GemPix.Api.OpenApi;

/// <summary>
/// Which routes need which credentials: two bearer schemes (an end user's session token, a staff API key), and on
/// each operation the scheme with the roles its policy admits, so a client can tell what to send before it asks.
/// </summary>
internal sealed class ApiSecurityTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string Session = "session";
    public const string ApiKey = "apiKey";

    private static readonly Dictionary<string, (string Scheme, string[] Roles)> Policies = new()
    {
        [AuthorizationPolicies.Subject] = (Session, [SubjectClaims.Role]),
        [AuthorizationPolicies.Audit] = (ApiKey, [ApiKeyRoles.Auditor, ApiKeyRoles.Regulator]),
        [AuthorizationPolicies.Regulator] = (ApiKey, [ApiKeyRoles.Regulator]),
        [AuthorizationPolicies.Admin] = (ApiKey, [ApiKeyRoles.Admin]),
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Session] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "session token",
            Description = "An end user's session token from POST /v1/sessions.",
        };
        document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "API key",
            Description = "A staff API key from ./gempix keys issue, with the role auditor, regulator or admin.",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var policy = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
        if (policy is null || !Policies.TryGetValue(policy, out var requirement))
        {
            return Task.CompletedTask;
        }

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(requirement.Scheme, context.Document)] = [.. requirement.Roles] });
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions["x-gempix-roles"] = new JsonNodeExtension(new System.Text.Json.Nodes.JsonArray([.. requirement.Roles.Select(r => (System.Text.Json.Nodes.JsonNode)r)]));
        return Task.CompletedTask;
    }
}
