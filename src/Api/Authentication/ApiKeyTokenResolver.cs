using System.Security.Claims;

namespace GemPix.Api.Authentication;

/// <summary>Callers who present an API key: the key's role is their role.</summary>
internal sealed class ApiKeyTokenResolver(ApiKeyStore keys) : IBearerTokenResolver
{
    public const string AuthenticationType = "ApiKey";

    public async ValueTask<ClaimsPrincipal?> ResolveAsync(string token, CancellationToken cancellationToken)
    {
        if (!ApiKeyStore.LooksLikeKey(token) || await keys.FindAsync(token, cancellationToken) is not { } key)
        {
            return null;
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, key.Id.ToString()),
                new Claim(ClaimTypes.Name, key.Name),
                new Claim(ClaimTypes.Role, key.Role),
            ],
            AuthenticationType);
        return new ClaimsPrincipal(identity);
    }
}
