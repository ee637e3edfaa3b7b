namespace GemPix.EventStore.Ledger;

/// <summary>
/// A node that a root or proof needs is not stored: the tree was asked about more leaves than were sealed, or its
/// nodes were lost. Either way no answer can be given that a verifier would accept.
/// </summary>
public sealed class MissingMerkleNodeException(NodeId node)
    : Exception($"The Merkle node {node} (level/index) is not stored.")
{
    public NodeId Node { get; } = node;
}
