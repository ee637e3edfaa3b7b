using System.Security.Claims;

namespace GemPix.Api.Authentication;

/// <summary>End users as callers: the role their session gives them and the subject id it names.</summary>
public static class SubjectClaims
{
    public const string Role = "subject";

    /// <summary>The signed-in subject. Only called on routes that require <see cref="AuthorizationPolicies.Subject"/>.</summary>
    public static Guid SubjectId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
    }
}
