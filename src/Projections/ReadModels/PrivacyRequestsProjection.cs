using GemPix.Domain.Accounts;
using GemPix.Domain.PrivacyRequests;
using GemPix.Domain.Serialization;
using GemPix.EventStore.Projections;
using Npgsql;

namespace GemPix.Projections.ReadModels;

/// <summary>
/// <c>gempix.privacy_requests</c>: each request's status and deadlines, kept with the appends so that the answer to a
/// request reads its own write. Rows outlive an erasure without their subject id: the record of having answered is
/// what accountability (Art. 5(2)) asks for, and it needs no link to the person.
/// </summary>
public sealed class PrivacyRequestsProjection : IRebuildableInlineProjection
{
    public string Name => "privacy_requests";

    public IReadOnlyList<string> Tables { get; } = ["gempix.privacy_requests"];

    public void Project(InlineEvent @event, NpgsqlBatch batch)
    {
        switch (@event.Data)
        {
            case PrivacyRequestReceived r:
                batch.Add(
                    """
                    INSERT INTO gempix.privacy_requests (id, subject_id, type, jurisdiction, status, received_at, due_on, due_at, acknowledge_by, policy_version, updated_at)
                    VALUES ($1, $2, $3, $4, 'received', $5, $6, $7, $8, $9, $5) ON CONFLICT (id) DO NOTHING
                    """,
                    r.RequestId, r.SubjectId, GemPixJson.EnumName(r.Type), GemPixJson.EnumName(r.Jurisdiction), r.ReceivedAt.ToDateTimeUtc(),
                    r.DueOn.ToDateOnly(), r.DueAt.ToDateTimeUtc(), r.AcknowledgeBy?.ToDateOnly(), r.Policy.Version);
                break;
            case PrivacyRequestVerified v:
                Status(batch, v.RequestId, "verified", v.At);
                break;
            case PrivacyRequestStarted s:
                Status(batch, s.RequestId, "in_progress", s.At);
                break;
            case PrivacyRequestCompleted c:
                batch.Add(
                    "UPDATE gempix.privacy_requests SET status = 'completed', completed_at = $2, result_kind = $3, result_ref = $4, flag = NULL, updated_at = $2 WHERE id = $1",
                    c.RequestId, c.At.ToDateTimeUtc(), ResultKind(c.Result), ResultReference(c.Result));
                break;
            case PrivacyRequestDenied d:
                batch.Add(
                    "UPDATE gempix.privacy_requests SET status = 'denied', completed_at = $2, denied_reason = $3, flag = NULL, updated_at = $2 WHERE id = $1",
                    d.RequestId, d.At.ToDateTimeUtc(), d.Reason);
                break;
            case AccountErased erased:
                batch.Add("UPDATE gempix.privacy_requests SET subject_id = NULL WHERE subject_id = $1", erased.SubjectId);
                break;
            case PrivacyRequestExtended e:
                batch.Add(
                    "UPDATE gempix.privacy_requests SET extended = true, due_on = $2, due_at = $3, flag = NULL, updated_at = $4 WHERE id = $1",
                    e.RequestId, e.NewDueOn.ToDateOnly(), e.NewDueAt.ToDateTimeUtc(), e.At.ToDateTimeUtc());
                break;
        }
    }

    private static void Status(NpgsqlBatch batch, Guid requestId, string status, NodaTime.Instant at) =>
        batch.Add("UPDATE gempix.privacy_requests SET status = $2, updated_at = $3 WHERE id = $1", requestId, status, at.ToDateTimeUtc());

    private static string? ResultKind(PrivacyRequestResult? result) => result switch
    {
        PrivacyRequestResult.Export => "export",
        PrivacyRequestResult.DeletionCertificate => "deletion-certificate",
        _ => null,
    };

    private static string? ResultReference(PrivacyRequestResult? result) => result switch
    {
        PrivacyRequestResult.Export export => export.Reference,
        PrivacyRequestResult.DeletionCertificate certificate => certificate.CertificateId.ToString(),
        _ => null,
    };
}
