using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using GemPix.Api.Authentication;
using GemPix.Api.Idempotency;
using GemPix.Api.OpenApi;
using GemPix.Api.Problems;
using GemPix.Domain.PrivacyRequests;
using GemPix.Domain.Serialization;
using GemPix.Projections.Handling;
using GemPix.Projections.PrivacyRequests;
using GemPix.Protection.Blobs;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace GemPix.Api.Apis;

/// <summary>
/// A signed-in person's privacy requests: access and portability (an export, made by a worker), erasure (answered at
/// once with the deletion certificate's URL: the session ends with the account), rectification, restriction and
/// objection. Deadlines follow the jurisdiction (GDPR by default, or CCPA) under the policy frozen at receipt.
/// </summary>
public static class PrivacyRequestsApi
{
    public static IEndpointRouteBuilder MapPrivacyRequestsApi(this IEndpointRouteBuilder app)
    {
        var requests = app.MapGroup("/v1/privacy-requests")
            .RequireAuthorization(AuthorizationPolicies.Subject).AddEndpointFilter<GlobalPrivacyControlFilter>().WithTags("Privacy requests");
        requests.MapPost("/", SubmitAsync);
        requests.MapGet("/", ListAsync);
        requests.MapGet("/{id:guid}", GetAsync);
        requests.MapGet("/{id:guid}/export", GetExportAsync).Produces(StatusCodes.Status200OK, contentType: "application/zip").ProducesProblems(409, 410);
        return app;
    }

    public static async Task<Results<Accepted<PrivacyRequestView>, ProblemHttpResult>> SubmitAsync(
        PrivacyRequestSubmission submission, HttpContext http, ClaimsPrincipal user, PrivacyRequestWorkflow workflow, PrivacyRequestRecords records, CancellationToken cancellationToken)
    {
        if (Parse<PrivacyRequestType>(submission.Type) is not { } type)
        {
            return RejectionProblems.Problem(
                StatusCodes.Status422UnprocessableEntity, "unknown-request-type", "type", "type is one of access, portability, erasure, rectification, restriction, objection.");
        }

        var jurisdiction = submission.Jurisdiction is null ? Jurisdiction.Gdpr : Parse<Jurisdiction>(submission.Jurisdiction);
        if (jurisdiction is not { } rules)
        {
            return RejectionProblems.Problem(StatusCodes.Status422UnprocessableEntity, "unknown-jurisdiction", "jurisdiction", "jurisdiction is GDPR (the default) or CCPA.");
        }

        var subjectId = user.SubjectId();
        var (requestId, rejection) = await workflow.SubmitAsync(CreatedIds.For(http, "privacy-request"), subjectId, type, rules, submission.DisplayName, submission.Email, Actors.Subject(subjectId), cancellationToken);
        if (rejection is not null)
        {
            return RejectionProblems.For(rejection);
        }

        // By id alone: an erasure has just cleared the row's subject id.
        var row = (await records.FindAsync(requestId!.Value, null, cancellationToken))!;
        return TypedResults.Accepted($"/v1/privacy-requests/{row.RequestId}", View(row));
    }

    public static async Task<Ok<PrivacyRequestView[]>> ListAsync(ClaimsPrincipal user, PrivacyRequestRecords records, CancellationToken cancellationToken) =>
        TypedResults.Ok((await records.ForSubjectAsync(user.SubjectId(), cancellationToken)).Select(View).ToArray());

    public static async Task<Results<Ok<PrivacyRequestView>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, PrivacyRequestRecords records, CancellationToken cancellationToken) =>
        await records.FindAsync(id, user.SubjectId(), cancellationToken) is { } row
            ? TypedResults.Ok(View(row))
            : RejectionProblems.For(new PrivacyRequestNotFound());

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetExportAsync(
        Guid id, ClaimsPrincipal user, PrivacyRequestRecords records, IBlobStore blobs, CancellationToken cancellationToken)
    {
        if (await records.FindAsync(id, user.SubjectId(), cancellationToken) is not { } row)
        {
            return RejectionProblems.For(new PrivacyRequestNotFound());
        }

        if (row is not { ResultKind: "export", ResultReference: { } reference } || !Guid.TryParse(reference, out var blobId))
        {
            return RejectionProblems.Problem(StatusCodes.Status409Conflict, "export-not-ready", $"The request is {row.Status}; its export exists once it is completed.");
        }

        return await blobs.GetAsync(blobId, cancellationToken) is BlobContent.Found found
            ? TypedResults.File(found.Bytes, "application/zip", $"gempix-export-{id}.zip")
            : RejectionProblems.Problem(StatusCodes.Status410Gone, "export-gone", "The export was erased.");
    }

    internal static PrivacyRequestView View(PrivacyRequestRow row) => new(
        row.RequestId,
        row.Type,
        row.Jurisdiction.ToUpperInvariant(),
        row.Status,
        row.ReceivedAt,
        row.DueOn,
        row.DueAt,
        row.AcknowledgeBy,
        row.Extended,
        row.CompletedAt,
        row.ResultKind == "export" ? $"/v1/privacy-requests/{row.RequestId}/export" : null,
        row.ResultKind == "deletion-certificate" ? $"/v1/certificates/{row.ResultReference}" : null,
        row.DeniedReason,
        row.PolicyVersion);

    private static T? Parse<T>(string? text)
        where T : struct, Enum =>
        Enum.GetValues<T>().Where(v => string.Equals(GemPixJson.EnumName(v), text, StringComparison.OrdinalIgnoreCase)).Select(v => (T?)v).FirstOrDefault();

    public sealed record PrivacyRequestSubmission([property: Required] string? Type, string? Jurisdiction, string? DisplayName, string? Email);

    public sealed record PrivacyRequestView(
        Guid RequestId,
        string Type,
        string Jurisdiction,
        string Status,
        Instant ReceivedAt,
        LocalDate DueOn,
        Instant DueAt,
        LocalDate? AcknowledgeBy,
        bool Extended,
        Instant? CompletedAt,
        string? ExportUrl,
        string? CertificateUrl,
        string? DeniedReason,
        string PolicyVersion);
}
