using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using GemPix.Api.Authentication;
using GemPix.Api.Problems;
using GemPix.Domain.Accounts;
using GemPix.Domain.PrivacyRequests;
using GemPix.Domain.Processing;
using GemPix.EventStore;
using GemPix.Projections.Handling;
using GemPix.Projections.PrivacyRequests;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;

namespace GemPix.Api.Apis;

/// <summary>
/// The privacy team's routes (admin API keys): the request queue with days left, as JSON or as CSV for the records
/// that Art. 5(2) and 30 ask to keep; yearly figures per request type; extension with notice and denial with reason;
/// lifting a restriction.
/// </summary>
public static class PrivacyAdminApi
{
    public static IEndpointRouteBuilder MapPrivacyAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/v1/admin").RequireAuthorization(AuthorizationPolicies.Admin).WithTags("Admin");
        admin.MapGet("/privacy-requests", ListAsync).Produces<AdminRequestView[]>().Produces(StatusCodes.Status200OK, contentType: "text/csv");
        admin.MapGet("/privacy-requests/figures", FiguresAsync);
        admin.MapPost("/privacy-requests/{id:guid}/extend", ExtendAsync);
        admin.MapPost("/privacy-requests/{id:guid}/deny", DenyAsync);
        admin.MapPost("/subjects/{subjectId:guid}/restriction/lift", LiftRestrictionAsync);
        return app;
    }

    /// <summary>Requests received in [from, to) (default: the last year), open ones only unless <c>status=all</c>; <c>format=csv</c> for a spreadsheet.</summary>
    public static async Task<Results<Ok<AdminRequestView[]>, FileContentHttpResult, ProblemHttpResult>> ListAsync(
        PrivacyRequestRecords records, IClock clock, CancellationToken cancellationToken, string? status = null, string? format = null, string? from = null, string? to = null)
    {
        var now = clock.GetCurrentInstant();
        var start = ParseInstant(from, now - Duration.FromDays(366));
        var end = ParseInstant(to, now + Duration.FromDays(1));
        var invalid = start is null ? "from" : end is null ? "to" : status is not (null or "open" or "all") ? "status" : format is not (null or "json" or "csv") ? "format" : null;
        if (invalid is not null)
        {
            return RejectionProblems.Problem(
                StatusCodes.Status400BadRequest, "bad-request", invalid, "from and to are ISO-8601 instants, such as 2026-01-01T00:00:00Z; status is open or all; format is json or csv.");
        }

        var rows = await records.ListAsync(status != "all", start!.Value, end!.Value, cancellationToken);
        var views = rows.Select(r => new AdminRequestView(
            r.RequestId, r.SubjectId, r.Type, r.Jurisdiction.ToUpperInvariant(), r.Status, r.ReceivedAt, r.DueOn, r.Extended,
            r.IsOpen ? RequestDeadlines.DaysLeft(r.DueOn, now) : null, r.Flag, r.CompletedAt, r.PolicyVersion)).ToArray();
        return format == "csv" ? TypedResults.File(Encoding.UTF8.GetBytes(Csv(views)), "text/csv", "privacy-requests.csv") : TypedResults.Ok(views);
    }

    public static async Task<Results<Ok<PrivacyRequestFigures[]>, ProblemHttpResult>> FiguresAsync(
        PrivacyRequestRecords records, IClock clock, CancellationToken cancellationToken, int? year = null)
    {
        var chosen = year ?? clock.GetCurrentInstant().InUtc().Year;
        return chosen is < 2000 or > 9998
            ? RejectionProblems.Problem(StatusCodes.Status400BadRequest, "bad-request", "year", "year is a calendar year such as 2026.")
            : TypedResults.Ok((await records.FiguresAsync(chosen, cancellationToken)).ToArray());
    }

    public static async Task<Results<Ok<PrivacyRequestsApi.PrivacyRequestView>, ProblemHttpResult>> ExtendAsync(
        Guid id, Extension extension, ClaimsPrincipal user, CommandHandler handler, PrivacyRequestRecords records, IClock clock, CancellationToken cancellationToken)
    {
        if (extension.Reason is null || extension.NewDueOn is not { } newDueOn)
        {
            return RejectionProblems.Missing(("reason", extension.Reason is null), ("newDueOn", extension.NewDueOn is null));
        }

        return await StepAsync(id, new ExtendPrivacyRequest(extension.Reason, newDueOn, clock.GetCurrentInstant()), user, handler, records, cancellationToken);
    }

    public static async Task<Results<Ok<PrivacyRequestsApi.PrivacyRequestView>, ProblemHttpResult>> DenyAsync(
        Guid id, Reasoned denial, ClaimsPrincipal user, CommandHandler handler, PrivacyRequestRecords records, IClock clock, CancellationToken cancellationToken) =>
        await StepAsync(id, new DenyPrivacyRequest(denial.Reason ?? string.Empty, clock.GetCurrentInstant()), user, handler, records, cancellationToken);

    public static async Task<Results<NoContent, ProblemHttpResult>> LiftRestrictionAsync(
        Guid subjectId, Reasoned lift, ClaimsPrincipal user, CommandHandler handler, IClock clock, CancellationToken cancellationToken)
    {
        var (account, _) = await handler.Store.AggregateStreamAsync(SubjectStreams.Account(subjectId), Deciders.Account.Initial, Deciders.Account.Evolve, cancellationToken);
        if (account is AccountState.None)
        {
            return RejectionProblems.Problem(StatusCodes.Status404NotFound, "subject-not-found", "No subject is known by this id.");
        }

        var handled = await handler.HandleAsync(
            Deciders.Processing(subjectId), SubjectStreams.Processing(subjectId), subjectId,
            new LiftRestriction(lift.Reason ?? string.Empty, clock.GetCurrentInstant()), Admin(user), cancellationToken);
        return handled.Rejection is { } rejection ? RejectionProblems.For(rejection) : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<PrivacyRequestsApi.PrivacyRequestView>, ProblemHttpResult>> StepAsync(
        Guid id, PrivacyRequestCommand command, ClaimsPrincipal user, CommandHandler handler, PrivacyRequestRecords records, CancellationToken cancellationToken)
    {
        if (await records.FindAsync(id, null, cancellationToken) is not { } row)
        {
            return RejectionProblems.For(new PrivacyRequestNotFound());
        }

        if (row.SubjectId is not { } subjectId)
        {
            return RejectionProblems.For(new PrivacyRequestClosed()); // Its subject was erased: every request of theirs was closed with it.
        }

        var handled = await handler.HandleAsync(Deciders.PrivacyRequest, id, subjectId, command, Admin(user), cancellationToken);
        return handled.Rejection is { } rejection
            ? RejectionProblems.For(rejection)
            : TypedResults.Ok(PrivacyRequestsApi.View((await records.FindAsync(id, null, cancellationToken))!));
    }

    private static EventMetadata Admin(ClaimsPrincipal user) => Actors.Admin(user.KeyId());

    private static Instant? ParseInstant(string? text, Instant fallback) =>
        text is null ? fallback : InstantPattern.ExtendedIso.Parse(text) is { Success: true } parsed ? parsed.Value : null;

    private static string Csv(IEnumerable<AdminRequestView> views)
    {
        var csv = new StringBuilder("requestId,subjectId,type,jurisdiction,status,receivedAt,dueOn,extended,daysLeft,flag,completedAt,policyVersion\r\n");
        foreach (var v in views)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{v.RequestId},{v.SubjectId},{v.Type},{v.Jurisdiction},{v.Status},{InstantPattern.ExtendedIso.Format(v.ReceivedAt)},")
                .Append(CultureInfo.InvariantCulture, $"{LocalDatePattern.Iso.Format(v.DueOn)},{(v.Extended ? "true" : "false")},{v.DaysLeft},{v.Flag},")
                .Append(CultureInfo.InvariantCulture, $"{(v.CompletedAt is { } c ? InstantPattern.ExtendedIso.Format(c) : "")},{v.PolicyVersion}\r\n");
        }

        return csv.ToString();
    }

    public sealed record Extension([property: Required] string? Reason, [property: Required] LocalDate? NewDueOn);

    /// <summary>A reason, for a denial or for lifting a restriction; it is told to the subject and must hold no personal data.</summary>
    public sealed record Reasoned([property: Required] string? Reason);

    public sealed record AdminRequestView(
        Guid RequestId, Guid? SubjectId, string Type, string Jurisdiction, string Status, Instant ReceivedAt, LocalDate DueOn, bool Extended,
        int? DaysLeft, string? Flag, Instant? CompletedAt, string PolicyVersion);
}
