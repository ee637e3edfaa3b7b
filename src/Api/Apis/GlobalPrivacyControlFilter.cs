using GemPix.Api.Authentication;

namespace GemPix.Api.Apis;

/// <summary>
/// Honours <c>Sec-GPC: 1</c> on every request of a signed-in person, before the route's own work, so that the route
/// already sees the opt-out.
/// </summary>
public sealed class GlobalPrivacyControlFilter(GlobalPrivacyControl control) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (GlobalPrivacyControl.IsSignalled(http.Request) && http.User.IsInRole(SubjectClaims.Role))
        {
            await control.HonourAsync(http.User.SubjectId(), http.RequestAborted);
        }

        return await next(context);
    }
}
