using System.Security.Claims;

namespace GemPix.Api.Authentication;

/// <summary>Auditors, regulators and admins as callers: the id and the role of the API key they present.</summary>
public static class ApiKeyClaims
{
    /// <summary>The key's id. Only called on routes that require an API-key role.</summary>
    public static string KeyId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(ClaimTypes.NameIdentifier)!;
    }

    /// <summary>The key's role: <c>auditor</c>, <c>regulator</c> or <c>admin</c>.</summary>
    public static string KeyRole(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(ClaimTypes.Role)!;
    }
}
