using System.Security.Claims;

namespace GemPix.Api.Authentication;

/// <summary>End users as callers: the role their session gives them, the subject id it names, and the session itself.</summary>
public static class SubjectClaims
{
    public const string Role = "subject";

    /// <summary>The claim that names the session a request came with, so that signing out ends that one.</summary>
    public const string SessionIdType = "sid";

    /// <summary>The signed-in subject. Only called on routes that require <see cref="AuthorizationPolicies.Subject"/>.</summary>
    public static Guid SubjectId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
    }

    /// <summary>The session the signed-in subject's request came with.</summary>
    public static Guid SessionId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Guid.Parse(user.FindFirstValue(SessionIdType)!);
    }
}
