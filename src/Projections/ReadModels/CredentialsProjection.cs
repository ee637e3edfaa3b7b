using GemPix.Domain.Accounts;
using GemPix.EventStore.Projections;
using Npgsql;

namespace GemPix.Projections.ReadModels;

/// <summary>
/// Ends what signs a person in when the history says so: a session signed out of, revoked sessions, and on erasure the password hash, every
/// session row and every kept idempotent answer.
/// </summary>
public sealed class CredentialsProjection : IInlineProjection
{
    public void Project(InlineEvent @event, NpgsqlBatch batch)
    {
        switch (@event.Data)
        {
            case SessionEnded ended:
                batch.Add(
                    "UPDATE gempix.sessions SET revoked_at = $3 WHERE session_id = $1 AND subject_id = $2 AND revoked_at IS NULL",
                    ended.SessionId, ended.SubjectId, ended.At.ToDateTimeUtc());
                break;
            case SessionsRevoked revoked:
                batch.Add("UPDATE gempix.sessions SET revoked_at = $2 WHERE subject_id = $1 AND revoked_at IS NULL", revoked.SubjectId, revoked.At.ToDateTimeUtc());
                break;
            case AccountErased erased:
                batch.Add("DELETE FROM gempix.sessions WHERE subject_id = $1", erased.SubjectId);
                batch.Add("DELETE FROM gempix.credentials WHERE subject_id = $1", erased.SubjectId);
                batch.Add("DELETE FROM gempix.idempotency_keys WHERE subject_id = $1", erased.SubjectId);
                break;
        }
    }
}
