using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using GemPix.Api.Authentication;
using GemPix.Api.Problems;
using GemPix.Domain.Consents;
using GemPix.Domain.Serialization;
using GemPix.Projections.Handling;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace GemPix.Api.Apis;

/// <summary>
/// Consents per purpose, given and withdrawn equally easily, each record with its notice version and source. A
/// request carrying <c>Sec-GPC: 1</c> is an opt-out of analytics and marketing, recorded on any route of a signed-in
/// person (<see cref="GlobalPrivacyControlFilter"/>).
/// </summary>
public static class ConsentsApi
{
    public static IEndpointRouteBuilder MapConsentsApi(this IEndpointRouteBuilder app)
    {
        var consents = app.MapGroup("/v1/me/consents").RequireAuthorization(AuthorizationPolicies.Subject).AddEndpointFilter<GlobalPrivacyControlFilter>().WithTags("Consents");
        consents.MapGet("/", GetConsentsAsync);
        consents.MapPut("/{purpose}", SetConsentAsync);
        return app;
    }

    public static async Task<Ok<ConsentView[]>> GetConsentsAsync(ClaimsPrincipal user, CommandHandler handler, ConsentNotices notices, CancellationToken cancellationToken)
    {
        var subjectId = user.SubjectId();
        var decider = Deciders.Consents(subjectId, notices);
        var (state, _) = await handler.Store.AggregateStreamAsync(SubjectStreams.Consents(subjectId), decider.Initial, decider.Evolve, cancellationToken);
        return TypedResults.Ok(View(state, notices));
    }

    public static async Task<Results<Ok<ConsentView[]>, ProblemHttpResult>> SetConsentAsync(
        string purpose,
        ConsentChoice choice,
        HttpRequest request,
        ClaimsPrincipal user,
        CommandHandler handler,
        GlobalPrivacyControl control,
        ConsentNotices notices,
        IClock clock,
        CancellationToken cancellationToken)
    {
        if (Enum.GetValues<ConsentPurpose>().Where(p => GemPixJson.EnumName(p) == purpose).Select(p => (ConsentPurpose?)p).FirstOrDefault() is not { } known)
        {
            return RejectionProblems.Problem(StatusCodes.Status404NotFound, "unknown-purpose", "The purposes are analytics, marketing and model-training.");
        }

        if (choice.Granted is not { } granted || choice.PolicyVersion is not { } version)
        {
            return RejectionProblems.Missing(("granted", choice.Granted is null), ("policyVersion", choice.PolicyVersion is null));
        }

        var subjectId = user.SubjectId();
        var handled = await handler.HandleAsync(
            Deciders.Consents(subjectId, notices), SubjectStreams.Consents(subjectId), subjectId,
            new SetConsent(known, granted, version, clock.GetCurrentInstant()), Actors.Subject(subjectId), cancellationToken);
        if (handled.Rejection is { } rejection)
        {
            return RejectionProblems.For(rejection);
        }

        // The signal outranks the choice sent with it: recorded after it, so that the opt-out is what holds.
        var state = GlobalPrivacyControl.IsSignalled(request) ? await control.HonourAsync(subjectId, cancellationToken) : handled.State;
        return TypedResults.Ok(View(state, notices));
    }

    internal static ConsentView[] View(ConsentState state, ConsentNotices notices) =>
        [.. Enum.GetValues<ConsentPurpose>().Select(p => state.Records.TryGetValue(p, out var r)
            ? new ConsentView(GemPixJson.EnumName(p), r.Granted, r.NoticeVersion, r.At, GemPixJson.EnumName(r.Source), r.NeedsRenewal(notices))
            : new ConsentView(GemPixJson.EnumName(p), false, notices.CurrentVersion(p), null, null, false))];

    public sealed record ConsentChoice([property: Required] bool? Granted, [property: Required] int? PolicyVersion);

    /// <summary>One purpose's current choice; <see cref="At"/> and <see cref="Source"/> are absent where none was ever made.</summary>
    public sealed record ConsentView(string Purpose, bool Granted, int PolicyVersion, Instant? At, string? Source, bool NeedsRenewal);
}
