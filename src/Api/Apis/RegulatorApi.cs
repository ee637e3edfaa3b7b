using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using GemPix.Api.Authentication;
using GemPix.Api.Idempotency;
using GemPix.Api.OpenApi;
using GemPix.Api.Problems;
using GemPix.Domain.Audit;
using GemPix.EventStore;
using GemPix.Projections.Accounts;
using GemPix.Projections.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace GemPix.Api.Apis;

/// <summary>
/// Supervisory authorities (regulator API keys) file requests for a subject's records, by subject id or by email,
/// and download the export: the events as stored with inclusion proofs against the signed tree head. Each request
/// and each export is an event the subject sees in their own access log.
/// </summary>
public static class RegulatorApi
{
    public const int MaxFieldLength = 200;

    public static IEndpointRouteBuilder MapRegulatorApi(this IEndpointRouteBuilder app)
    {
        var regulator = app.MapGroup("/v1/regulator/requests").RequireAuthorization(AuthorizationPolicies.Regulator).WithTags("Regulator");
        regulator.MapPost("/", FileAsync).ProducesProblems(404);
        regulator.MapGet("/{id:guid}/export", GetExportAsync).Produces(StatusCodes.Status200OK, contentType: "application/zip").ProducesProblems(410);
        return app;
    }

    public static async Task<Results<Accepted<Filed>, ProblemHttpResult>> FileAsync(
        RegulatorRequest request, HttpContext http, ClaimsPrincipal user, PostgresEventStore store, RegulatorRequestRecords requests, AccountEmails emails,
        IClock clock, CancellationToken cancellationToken)
    {
        var invalid = (request.SubjectId is null) == (request.Email is null) ? "subjectId"
            : !IsFieldText(request.Reference) ? "reference"
            : !IsFieldText(request.LegalBasis) ? "legalBasis"
            : null;
        if (invalid is not null)
        {
            return RejectionProblems.Problem(
                StatusCodes.Status422UnprocessableEntity, "validation", invalid, $"Send subjectId or email (one of them), a reference and a legalBasis of 1 to {MaxFieldLength} printable characters.");
        }

        var subjectId = request.SubjectId is { } id
            ? await requests.SubjectIsKnownAsync(id, cancellationToken) ? id : (Guid?)null
            : await emails.SubjectOfAsync(request.Email!, cancellationToken);
        if (subjectId is not { } subject)
        {
            return RejectionProblems.Problem(StatusCodes.Status404NotFound, "subject-not-found", "No subject is known by this id or email.");
        }

        var requestId = CreatedIds.For(http, "regulator-request");
        var regulator = user.KeyId();
        var filed = new RegulatorRequestFiled(subject, requestId, regulator, request.Reference!.Trim(), request.LegalBasis!.Trim(), clock.GetCurrentInstant());
        try
        {
            await store.AppendAsync(
                new StreamAppend(requestId, "regulator-request", subject, ExpectedVersion.NoStream, [PendingEvent.Create(filed, new EventMetadata(null, null, "regulator", regulator))]),
                cancellationToken);
        }
        catch (WrongExpectedVersionException)
        {
            // Filed already by a run of this request that committed (a retry after a crash): the same answer again.
            if (await requests.FindAsync(requestId, regulator, cancellationToken) is null)
            {
                throw;
            }
        }

        return TypedResults.Accepted($"/v1/regulator/requests/{requestId}/export", new Filed(requestId, subject, "ready", $"/v1/regulator/requests/{requestId}/export"));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetExportAsync(
        Guid id, ClaimsPrincipal user, RegulatorRequestRecords requests, AccessLog accessLog, RegulatorExport export, CancellationToken cancellationToken)
    {
        if (await requests.FindAsync(id, user.KeyId(), cancellationToken) is not { } row)
        {
            return RejectionProblems.Problem(StatusCodes.Status404NotFound, "regulator-request-not-found", "There is no such regulator request.");
        }

        if (row.SubjectId is not { } subjectId)
        {
            return RejectionProblems.Problem(StatusCodes.Status410Gone, "subject-erased", "The subject was erased; the deletion certificate is what remains.");
        }

        await accessLog.RecordAsync(subjectId, "regulator", user.KeyId(), $"{row.LegalBasis} (reference {row.Reference})", "regulator export", cancellationToken);
        return TypedResults.File(await export.BuildAsync(id, subjectId, cancellationToken), "application/zip", $"gempix-regulator-{id}.zip");
    }

    /// <summary>Printable text: no control characters (NUL among them, which PostgreSQL's text refuses).</summary>
    private static bool IsFieldText(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= MaxFieldLength && !value.Any(char.IsControl);

    public sealed record RegulatorRequest(Guid? SubjectId, string? Email, [property: Required] string? Reference, [property: Required] string? LegalBasis);

    public sealed record Filed(Guid RequestId, Guid SubjectId, string Status, string ExportUrl);
}
