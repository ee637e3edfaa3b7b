namespace GemPix.EventStore.Ledger;

/// <summary>A perfect subtree and its root hash: one row a ledger stores.</summary>
public readonly record struct MerkleNode(NodeId Id, byte[] Hash);
