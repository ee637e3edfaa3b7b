using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

namespace GemPix.Ledger.Marten;

/// <summary>
/// The ledger on Marten's async daemon: each page the daemon delivers is sealed up to its ceiling, in seq_id order,
/// before the daemon records its progress; then a head is signed when one is due.
/// </summary>
/// <remarks>
/// Only the page's ceiling is used, never its events: the sealer reads the rows from <c>mt_events</c>, so the leaf
/// hashes the stored bytes and no event type or archived row can be filtered out of the tree. Nothing is written
/// through Marten's session: the ledger commits in a transaction of its own, with its own checkpoint, so a page
/// delivered twice is sealed once.
/// </remarks>
internal sealed class LedgerSubscription : SubscriptionBase
{
    private readonly MartenLedgerSealer _sealer;

    public LedgerSubscription(MartenLedgerSealer sealer)
    {
        _sealer = sealer;
        Name = sealer.Options.SubscriptionName;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page,
        ISubscriptionController controller,
        IDocumentOperations operations,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        await _sealer.SealThroughAsync(page.SequenceCeiling, cancellationToken);
        await _sealer.IssueHeadIfDueAsync(cancellationToken);
        return NullChangeListener.Instance;
    }
}
