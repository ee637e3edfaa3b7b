namespace GemPix.EventStore.Ledger;

/// <summary>What <see cref="LedgerVerifier"/> found: a summary, and the first fault when there is one.</summary>
/// <param name="Leaves">Leaves recomputed from the events and checked (before the fault, when there is one).</param>
/// <param name="Heads">Signed tree heads whose signature, root and consistency with the previous head were checked.</param>
/// <param name="Unsealed">Events committed after the last seal: not in the tree yet.</param>
/// <param name="Latest">The latest head checked; null when there is none.</param>
public sealed record LedgerVerification(long Leaves, int Heads, long Unsealed, SignedTreeHead? Latest, LedgerFault? Fault)
{
    public bool IsValid => Fault is null;
}

/// <summary>
/// The first place where the ledger and the events disagree: an event (by its sequence number) or a tree head (by its
/// size), or a node of the stored tree.
/// </summary>
/// <param name="Seq">The first bad event's sequence number, when the fault is an event's.</param>
/// <param name="LeafIndex">The leaf concerned, when there is one.</param>
/// <param name="HeadTreeSize">The bad head's tree size, when the fault is a head's.</param>
public sealed record LedgerFault(long? Seq, long? LeafIndex, long? HeadTreeSize, string Reason)
{
    public static LedgerFault Event(long seq, long leafIndex, string reason) => new(seq, leafIndex, null, reason);

    public static LedgerFault Head(long treeSize, string reason) => new(null, null, treeSize, reason);

    public static LedgerFault Leaf(long leafIndex, string reason) => new(null, leafIndex, null, reason);
}
