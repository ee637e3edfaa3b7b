namespace GemPix.EventStore.Ledger;

/// <summary>What appending a batch of leaves did: the range of the grown tree, and the nodes to store.</summary>
/// <param name="Range">The compact range after the batch; its <see cref="CompactRange.Root"/> is the new tree head's hash.</param>
/// <param name="NewNodes">Every perfect subtree the batch completed, at every level, each after its children.</param>
public sealed record MerkleAppend(CompactRange Range, IReadOnlyList<MerkleNode> NewNodes);
