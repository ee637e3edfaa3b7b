using System.Security.Claims;
using GemPix.Api.Authentication;
using GemPix.Api.Problems;
using GemPix.Domain.Audit;
using GemPix.EventStore;
using GemPix.Projections.Audit;
using GemPix.Protection.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Npgsql;

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
        regulator.MapPost("/", FileAsync);
        regulator.MapGet("/{id:guid}/export", GetExportAsync);
        return app;
    }

    public static async Task<Results<Accepted<Filed>, ProblemHttpResult>> FileAsync(
        RegulatorRequest request, ClaimsPrincipal user, PostgresEventStore store, NpgsqlDataSource dataSource, EmailBlindIndex blindIndex, IClock clock,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reference) || string.IsNullOrWhiteSpace(request.LegalBasis)
            || request.Reference.Length > MaxFieldLength || request.LegalBasis.Length > MaxFieldLength || (request.SubjectId is null) == (request.Email is null))
        {
            return RejectionProblems.Problem(
                StatusCodes.Status422UnprocessableEntity, "validation", $"Send subjectId or email (one of them), a reference and a legalBasis of 1 to {MaxFieldLength} characters.");
        }

        if (await SubjectOfAsync(request, dataSource, blindIndex, cancellationToken) is not { } subjectId)
        {
            return RejectionProblems.Problem(StatusCodes.Status404NotFound, "subject-not-found", "No subject is known by this id or email.");
        }

        var requestId = Guid.CreateVersion7();
        var regulator = user.KeyId();
        var filed = new RegulatorRequestFiled(subjectId, requestId, regulator, request.Reference.Trim(), request.LegalBasis.Trim(), clock.GetCurrentInstant());
        await store.AppendAsync(
            new StreamAppend(requestId, "regulator-request", subjectId, ExpectedVersion.NoStream, [PendingEvent.Create(filed, new EventMetadata(null, null, "regulator", regulator))]),
            cancellationToken);
        return TypedResults.Accepted($"/v1/regulator/requests/{requestId}/export", new Filed(requestId, subjectId, "ready", $"/v1/regulator/requests/{requestId}/export"));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetExportAsync(
        Guid id, ClaimsPrincipal user, NpgsqlDataSource dataSource, AccessLog accessLog, RegulatorExport export, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT subject_id, reference, legal_basis FROM gempix.regulator_requests WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        Guid subjectId;
        string purpose;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return RejectionProblems.Problem(StatusCodes.Status404NotFound, "regulator-request-not-found", "There is no such regulator request.");
            }

            if (reader.IsDBNull(0))
            {
                return RejectionProblems.Problem(StatusCodes.Status410Gone, "subject-erased", "The subject was erased; the deletion certificate is what remains.");
            }

            subjectId = reader.GetGuid(0);
            purpose = $"{reader.GetString(2)} (reference {reader.GetString(1)})";
        }

        await accessLog.RecordAsync(subjectId, "regulator", user.KeyId(), purpose, "regulator export", cancellationToken);
        return TypedResults.File(await export.BuildAsync(id, subjectId, cancellationToken), "application/zip", $"gempix-regulator-{id}.zip");
    }

    private static async Task<Guid?> SubjectOfAsync(RegulatorRequest request, NpgsqlDataSource dataSource, EmailBlindIndex blindIndex, CancellationToken cancellationToken)
    {
        await using var command = request.SubjectId is { } id
            ? dataSource.CreateCommand("SELECT subject_id FROM gempix.streams WHERE subject_id = $1 LIMIT 1")
            : dataSource.CreateCommand("SELECT subject_id FROM gempix.account_emails WHERE blind_index = $1");
        command.Parameters.Add(request.SubjectId is { } subject
            ? new NpgsqlParameter<Guid> { TypedValue = subject }
            : new NpgsqlParameter<byte[]> { TypedValue = blindIndex.Of(request.Email!) });
        return await command.ExecuteScalarAsync(cancellationToken) as Guid?;
    }

    public sealed record RegulatorRequest(Guid? SubjectId, string? Email, string? Reference, string? LegalBasis);

    public sealed record Filed(Guid RequestId, Guid SubjectId, string Status, string ExportUrl);
}
