using GemPix.Api.Authentication;
using GemPix.Domain.Consents;
using GemPix.Projections.Handling;
using NodaTime;

namespace GemPix.Api.Apis;

/// <summary>
/// Honours <c>Sec-GPC: 1</c> (Global Privacy Control) on every request of a signed-in person: analytics and marketing
/// are withdrawn with source <c>gpc</c>, also over an earlier opt-in. Runs before the route's own work, so that the
/// route already sees the opt-out; recording it again when it is already in force adds nothing.
/// </summary>
public sealed class GlobalPrivacyControlFilter(CommandHandler handler, ConsentNotices notices, IClock clock) : IEndpointFilter
{
    public const string Header = "Sec-GPC";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (http.Request.Headers[Header] == "1" && http.User.IsInRole(SubjectClaims.Role))
        {
            var subjectId = http.User.SubjectId();
            await handler.HandleAsync(
                Deciders.Consents(subjectId, notices), SubjectStreams.Consents(subjectId), subjectId,
                new HonourGlobalPrivacyControl(clock.GetCurrentInstant()), Actors.Subject(subjectId), http.RequestAborted);
        }

        return await next(context);
    }
}
