using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using GemPix.Api.Authentication;
using GemPix.Api.OpenApi;
using GemPix.Api.Problems;
using GemPix.Domain.PrivacyRequests;
using GemPix.Domain.Records;
using GemPix.EventStore.Ledger;
using GemPix.Projections.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace GemPix.Api.Apis;

/// <summary>
/// What auditors and regulators check with their own tools: the sealed events as stored, the signed tree head, and
/// RFC 6962 inclusion and consistency proofs; and a subject's timeline without personal data.
/// </summary>
public static class AuditApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    public const int MaxPurposeLength = 200;

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/v1/audit").RequireAuthorization(AuthorizationPolicies.Audit).WithTags("Audit");
        audit.MapGet("/events", GetEventsAsync);
        audit.MapGet("/subjects/{subjectId}/timeline", GetTimelineAsync);
        audit.MapGet("/ledger/head", GetHeadAsync).ProducesProblems(404);
        audit.MapGet("/ledger/inclusion", GetInclusionAsync).ProducesProblems(404);
        audit.MapGet("/ledger/consistency", GetConsistencyAsync).ProducesProblems(404);
        audit.MapGet("/processing-records", GetProcessingRecords);
        return app;
    }

    /// <summary>Sealed events in leaf order, as stored (personal values stay ciphertext), each with the exact bytes its leaf hashes.</summary>
    public static async Task<Results<Ok<AuditEvents>, ProblemHttpResult>> GetEventsAsync(
        LedgerReader ledger, ClaimsPrincipal user, AccessLog accessLog, CancellationToken cancellationToken, long fromLeaf = 0, int limit = DefaultLimit)
    {
        if (fromLeaf < 0)
        {
            return BadRequest("fromLeaf", "fromLeaf is a leaf index: 0 or more.");
        }

        if (limit is < 1 or > MaxLimit)
        {
            return BadRequest("limit", Invariant($"limit is between 1 and {MaxLimit}."));
        }

        var events = await ledger.ReadSealedEventsAsync(fromLeaf, limit, cancellationToken);
        // The page names its subjects' events (types, times, ciphertext): each subject sees the read in their access log.
        await accessLog.RecordAsync(
            [.. events.Where(e => e.Event.SubjectId is not null).Select(e => e.Event.SubjectId!.Value).Distinct()],
            user.KeyRole(),
            user.KeyId(),
            "audit of the ledger",
            "GET /v1/audit/events",
            cancellationToken);
        return TypedResults.Ok(new AuditEvents([.. events.Select(s => new AuditEvent(
            s.LeafIndex, s.Event.Seq, s.Event.Id, s.Event.StreamId, s.Event.Version, s.Event.Type, s.Event.SchemaVersion, s.Event.SubjectId,
            JsonSerializer.Deserialize<JsonElement>(s.Event.Data), JsonSerializer.Deserialize<JsonElement>(s.Event.Metadata), s.Event.RecordedAt, s.LeafInput))]));
    }

    /// <summary>The records of processing activities (Art. 30), generated from the code's own declarations.</summary>
    public static Ok<ProcessingRecordsView> GetProcessingRecords(IClock clock) =>
        TypedResults.Ok(new ProcessingRecordsView(
            "GemPix", clock.GetCurrentInstant(), "registered users of the image platform", RequestPolicy.Current.Version, ProcessingRecords.All));

    /// <summary>The latest signed tree head.</summary>
    public static async Task<Results<Ok<TreeHead>, ProblemHttpResult>> GetHeadAsync(LedgerReader ledger, CancellationToken cancellationToken) =>
        await ledger.GetLatestHeadAsync(cancellationToken) is { } head
            ? TypedResults.Ok(new TreeHead(head.TreeSize, head.RootHashHex, head.IssuedAt, head.Jws))
            : NotFound("No tree head is signed yet.");

    /// <summary>
    /// The audit path of event <paramref name="seq"/> in the tree of <paramref name="treeSize"/> leaves (default: the latest
    /// signed head's), RFC 6962 §2.1.1.
    /// </summary>
    public static async Task<Results<Ok<InclusionProof>, ProblemHttpResult>> GetInclusionAsync(
        LedgerReader ledger, CancellationToken cancellationToken, long? seq = null, long? treeSize = null)
    {
        if (seq is not { } eventSeq || eventSeq < 1)
        {
            return BadRequest("seq", "seq is the event's sequence number: 1 or more.");
        }

        if (treeSize < 1)
        {
            return BadRequest("treeSize", "treeSize is 1 or more.");
        }

        var size = treeSize ?? (await ledger.GetLatestHeadAsync(cancellationToken))?.TreeSize;
        if (size is not { } n)
        {
            return NotFound("No tree head is signed yet: name a treeSize.");
        }

        if (await BeyondLedgerAsync(ledger, n, cancellationToken) is { } beyond)
        {
            return beyond;
        }

        if (await ledger.FindLeafIndexAsync(eventSeq, cancellationToken) is not { } leafIndex)
        {
            return NotFound(Invariant($"Event {eventSeq} is not sealed in the ledger."));
        }

        if (leafIndex >= n)
        {
            return NotFound(Invariant($"Event {eventSeq} is leaf {leafIndex}, outside the tree of {n} leaves."));
        }

        var path = await ledger.Tree.InclusionProofAsync(leafIndex, n, cancellationToken);
        return TypedResults.Ok(new InclusionProof(leafIndex, n, Hex(path)));
    }

    /// <summary>The proof that the tree of <paramref name="first"/> leaves is a prefix of the tree of <paramref name="second"/>, RFC 6962 §2.1.2.</summary>
    public static async Task<Results<Ok<ConsistencyProof>, ProblemHttpResult>> GetConsistencyAsync(
        LedgerReader ledger, CancellationToken cancellationToken, long? first = null, long? second = null)
    {
        if (first is not { } m || second is not { } n || m < 1 || n < m)
        {
            return BadRequest(first is not { } given || given < 1 ? "first" : "second", "first and second are tree sizes with 1 <= first <= second.");
        }

        if (await BeyondLedgerAsync(ledger, n, cancellationToken) is { } beyond)
        {
            return beyond;
        }

        var proof = await ledger.Tree.ConsistencyProofAsync(m, n, cancellationToken);
        return TypedResults.Ok(new ConsistencyProof(m, n, Hex(proof)));
    }

    /// <summary>
    /// A subject's events in the global order: what happened, when and by whom; never their data. The read itself is
    /// recorded in the subject's access log (with <paramref name="purpose"/>) before the answer leaves.
    /// </summary>
    public static async Task<Results<Ok<SubjectTimeline>, ProblemHttpResult>> GetTimelineAsync(
        Guid subjectId, ClaimsPrincipal user, SubjectTimelines timelines, AccessLog accessLog, CancellationToken cancellationToken, string? purpose = null)
    {
        if (purpose is not null && (purpose.Length > MaxPurposeLength || purpose.Any(char.IsControl)))
        {
            return BadRequest("purpose", Invariant($"purpose is at most {MaxPurposeLength} printable characters."));
        }

        var entries = await timelines.ReadAsync(subjectId, cancellationToken);
        if (entries.Count == 0)
        {
            return NotFound("No events are recorded for this subject.");
        }

        await accessLog.RecordAsync(
            subjectId,
            user.KeyRole(),
            user.KeyId(),
            string.IsNullOrWhiteSpace(purpose) ? "audit of the event history" : purpose.Trim(),
            "GET /v1/audit/subjects/{subjectId}/timeline",
            cancellationToken);
        return TypedResults.Ok(new SubjectTimeline(subjectId, entries));
    }

    private static async Task<ProblemHttpResult?> BeyondLedgerAsync(LedgerReader ledger, long treeSize, CancellationToken cancellationToken)
    {
        var sealedSize = (await ledger.GetStateAsync(cancellationToken)).TreeSize;
        return treeSize > sealedSize ? NotFound(Invariant($"The ledger has {sealedSize} leaves; there is no tree of {treeSize}.")) : null;
    }

    private static string[] Hex(IReadOnlyList<byte[]> hashes) => [.. hashes.Select(Convert.ToHexStringLower)];

    private static ProblemHttpResult BadRequest(string field, string detail) =>
        RejectionProblems.Problem(StatusCodes.Status400BadRequest, "bad-request", field, detail);

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotFound);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

public sealed record AuditEvents(IReadOnlyList<AuditEvent> Events);

/// <param name="LeafInput">The exact bytes hashed into the ledger (base64): SHA-256(0x00 ‖ leafInput) is the leaf hash.</param>
public sealed record AuditEvent(
    long LeafIndex, long Seq, Guid Id, Guid StreamId, long Version, string Type, int SchemaVersion, Guid? SubjectId,
    JsonElement Data, JsonElement Metadata, Instant RecordedAt, byte[] LeafInput);

/// <param name="RootHash">Hex SHA-256.</param>
/// <param name="Jws">The head signed: JWS compact, ES256, verifiable with /.well-known/jwks.json.</param>
public sealed record TreeHead(long TreeSize, string RootHash, Instant IssuedAt, string Jws);

/// <param name="AuditPath">Hex SHA-256 hashes, from the leaf's sibling up.</param>
public sealed record InclusionProof(long LeafIndex, long TreeSize, IReadOnlyList<string> AuditPath);

/// <param name="Proof">Hex SHA-256 hashes, in RFC 6962 order.</param>
public sealed record ConsistencyProof(long First, long Second, IReadOnlyList<string> Proof);

public sealed record SubjectTimeline(Guid SubjectId, IReadOnlyList<TimelineEntry> Events);

public sealed record ProcessingRecordsView(
    string Controller, Instant GeneratedAt, string DataSubjects, string RequestPolicyVersion, IReadOnlyList<ProcessingActivityRecord> Activities);
