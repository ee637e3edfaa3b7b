using Microsoft.AspNetCore.Authentication;

namespace GemPix.Api.Authentication;

/// <summary>The names of the authorization policies routes require.</summary>
public static class AuthorizationPolicies
{
    /// <summary>The ledger and the audit trail: auditors and regulators.</summary>
    public const string Audit = "audit";

    public const string Regulator = "regulator";

    public const string Admin = "admin";

    /// <summary>An end user with a session.</summary>
    public const string Subject = "subject";
}

public static class AuthenticationServiceCollectionExtensions
{
    /// <summary>Bearer authentication (API keys and end users' session tokens) and one policy per role.</summary>
    public static IServiceCollection AddGemPixAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<IBearerTokenResolver, ApiKeyTokenResolver>();
        services.AddSingleton<IBearerTokenResolver, SessionTokenResolver>();
        services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthorizationPolicies.Audit, policy => policy.RequireRole(ApiKeyRoles.Auditor, ApiKeyRoles.Regulator))
            .AddPolicy(AuthorizationPolicies.Regulator, policy => policy.RequireRole(ApiKeyRoles.Regulator))
            .AddPolicy(AuthorizationPolicies.Admin, policy => policy.RequireRole(ApiKeyRoles.Admin))
            .AddPolicy(AuthorizationPolicies.Subject, policy => policy.RequireRole(SubjectClaims.Role));
        return services;
    }
}
