using System.Security.Claims;

namespace GemPix.Api.Authentication;

/// <summary>
/// Turns one kind of bearer token into the caller it stands for. <see cref="BearerAuthenticationHandler"/> asks each
/// registered resolver in turn: API keys, and end users' session tokens.
/// </summary>
public interface IBearerTokenResolver
{
    /// <summary>The caller, or null when the token is not of this kind or not valid (unknown, revoked, expired).</summary>
    ValueTask<ClaimsPrincipal?> ResolveAsync(string token, CancellationToken cancellationToken);
}
