using GemPix.Domain.Consents;
using GemPix.Projections.Handling;
using NodaTime;

namespace GemPix.Api.Apis;

/// <summary>
/// Global Privacy Control (<c>Sec-GPC: 1</c>): an opt-out of analytics and marketing, recorded with source <c>gpc</c>,
/// also over an earlier opt-in. Recording it again while it is in force adds nothing.
/// </summary>
public sealed class GlobalPrivacyControl(CommandHandler handler, ConsentNotices notices, IClock clock)
{
    public const string Header = "Sec-GPC";

    public static bool IsSignalled(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers[Header] == "1";
    }

    public async Task<ConsentState> HonourAsync(Guid subjectId, CancellationToken cancellationToken) =>
        (await handler.HandleAsync(
            Deciders.Consents(subjectId, notices), SubjectStreams.Consents(subjectId), subjectId,
            new HonourGlobalPrivacyControl(clock.GetCurrentInstant()), Actors.Subject(subjectId), cancellationToken)).State;
}
