using System.Net;
using GemPix.Api.Authentication;
using GemPix.Api.RateLimiting;
using NodaTime;

namespace GemPix.Api.ApiAccess;

/// <summary>
/// Logs every request but health checks to the access log the privacy policy describes: the route's template (not the
/// path, whose values and query may be personal), the status, the subject id of a signed-in person, and the client's
/// network (/24 or /48).
/// </summary>
public sealed class ApiAccessLogMiddleware(RequestDelegate next, ApiAccessLogWriter writer, IClock clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        var at = clock.GetCurrentInstant();
        try
        {
            await next(context);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
            var subject = context.User.IsInRole(SubjectClaims.Role) ? context.User.SubjectId() : (Guid?)null;
            var network = RateLimitingServiceCollectionExtensions.Truncated(context.Connection.RemoteIpAddress) is var text && IPAddress.TryParse(text, out var parsed) ? parsed : null;
            writer.Enqueue(new ApiAccess(at, context.Request.Method, route, context.Response.StatusCode, subject, network));
        }
    }
}
