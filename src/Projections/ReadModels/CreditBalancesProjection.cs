using GemPix.Domain.Accounts;
using GemPix.Domain.Credits;
using GemPix.EventStore.Projections;
using Npgsql;

namespace GemPix.Projections.ReadModels;

/// <summary>
/// <c>gempix.credit_balances</c>: the credits a subject can spend and the version of the credit stream that gives them,
/// moved by every event of that stream in its own append. A reader trusts it only where its version is the stream's.
/// </summary>
public sealed class CreditBalancesProjection : IRebuildableInlineProjection
{
    public string Name => "credit_balances";

    public IReadOnlyList<string> Tables { get; } = ["gempix.credit_balances"];

    public void Project(InlineEvent @event, NpgsqlBatch batch)
    {
        if (@event.Data is AccountErased erased)
        {
            // The credit stream stays under billing retention; the shortcut to it goes with the person.
            batch.Add("DELETE FROM gempix.credit_balances WHERE subject_id = $1", erased.SubjectId);
            return;
        }

        var (subject, change) = @event.Data switch
        {
            CreditsPurchased p => (p.SubjectId, p.Credits),
            PurchaseRefunded r => (r.SubjectId, -r.Credits),
            CreditsReserved r => (r.SubjectId, -r.Credits),
            ReservedCreditsReleased r => (r.SubjectId, r.Credits),
            ReservedCreditsConsumed c => (c.SubjectId, 0),
            _ => (Guid.Empty, 0),
        };
        if (subject != Guid.Empty)
        {
            batch.Add(
                """
                INSERT INTO gempix.credit_balances (subject_id, available, version) VALUES ($1, $2, 1)
                ON CONFLICT (subject_id) DO UPDATE SET available = credit_balances.available + $2, version = credit_balances.version + 1
                """,
                subject, change);
        }
    }
}
