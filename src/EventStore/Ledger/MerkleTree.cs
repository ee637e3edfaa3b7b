namespace GemPix.EventStore.Ledger;

/// <summary>
/// Roots and proofs of the ledger's Merkle tree at any sealed size, each from one batch read of O(log n) stored nodes.
/// </summary>
/// <remarks>
/// Pure apart from <see cref="IMerkleNodeReader"/>: the same answers whatever stores the nodes. Arguments are checked
/// when a method is called, before anything is read.
/// </remarks>
public sealed class MerkleTree(IMerkleNodeReader nodes)
{
    /// <summary>MTH(D[0:<paramref name="treeSize"/>]) (RFC 6962 §2.1); the empty tree's hash for size 0, without a read.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="treeSize"/> is negative.</exception>
    /// <exception cref="MissingMerkleNodeException">A node the root needs is not stored.</exception>
    public ValueTask<byte[]> RootAsync(long treeSize, CancellationToken ct = default) =>
        OnlyAsync(ExecuteAsync(MerkleReadPlan.ForRoot(treeSize), ct));

    /// <summary>The audit path PATH(m, D[n]) of leaf <paramref name="leafIndex"/> in the tree of <paramref name="treeSize"/> leaves (RFC 6962 §2.1.1).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leafIndex"/> is negative or not below <paramref name="treeSize"/>.</exception>
    /// <exception cref="MissingMerkleNodeException">A node the proof needs is not stored.</exception>
    public ValueTask<IReadOnlyList<byte[]>> InclusionProofAsync(long leafIndex, long treeSize, CancellationToken ct = default) =>
        ExecuteAsync(MerkleReadPlan.ForInclusion(leafIndex, treeSize), ct);

    /// <summary>The consistency proof PROOF(m, D[n]) from <paramref name="oldSize"/> to <paramref name="newSize"/> leaves (RFC 6962 §2.1.2); empty for equal sizes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="oldSize"/> is not in [1, <paramref name="newSize"/>].</exception>
    /// <exception cref="MissingMerkleNodeException">A node the proof needs is not stored.</exception>
    public ValueTask<IReadOnlyList<byte[]>> ConsistencyProofAsync(long oldSize, long newSize, CancellationToken ct = default) =>
        ExecuteAsync(MerkleReadPlan.ForConsistency(oldSize, newSize), ct);

    /// <summary>The compact range of the tree of <paramref name="treeSize"/> leaves, where an appender continues.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="treeSize"/> is negative.</exception>
    /// <exception cref="MissingMerkleNodeException">A node of the range is not stored.</exception>
    public ValueTask<CompactRange> CompactRangeAsync(long treeSize, CancellationToken ct = default)
    {
        var ids = CompactRange.NodesFor(treeSize);
        return ids.Count == 0 ? ValueTask.FromResult(CompactRange.Empty) : ReadRangeAsync(treeSize, ids, ct);
    }

    private async ValueTask<CompactRange> ReadRangeAsync(long treeSize, IReadOnlyList<NodeId> ids, CancellationToken ct)
    {
        var found = await nodes.ReadAsync(ids, ct);
        return CompactRange.FromNodes(treeSize, found);
    }

    private static async ValueTask<byte[]> OnlyAsync(ValueTask<IReadOnlyList<byte[]>> hashes) => (await hashes)[0];

    private async ValueTask<IReadOnlyList<byte[]>> ExecuteAsync(MerkleReadPlan plan, CancellationToken ct)
    {
        // A root of nothing or an empty proof needs no round trip.
        var found = plan.Reads.Count == 0
            ? new Dictionary<NodeId, byte[]>()
            : await nodes.ReadAsync(plan.Reads, ct);
        return plan.Combine(found);
    }
}
