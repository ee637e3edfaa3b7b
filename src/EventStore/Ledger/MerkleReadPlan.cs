using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Numerics;

namespace GemPix.EventStore.Ledger;

/// <summary>
/// Which stored nodes a root or proof needs, and how to combine them: planned first so the reads are one batch.
/// </summary>
/// <remarks>
/// Every element of an RFC 6962 root or proof is MTH(D[a:b]) of a range the RFC's recursion produces. Such a range is
/// either a perfect subtree, one stored node, or a right edge ending at n, the fold of one stored node per set bit of
/// its length. A root reads at most ⌊log2 n⌋ + 1 nodes. A proof's ranges are disjoint, so no node is read twice, and
/// only the first step of the recursion that turns left has a right edge for its sibling: the steps above it and the
/// perfect subtree below it give one node each, at most ⌈log2 n⌉ in all, and the right edge at most ⌈log2 n⌉ − 1 more,
/// so a proof reads at most 2·⌈log2 n⌉ − 1 nodes.
/// </remarks>
public sealed class MerkleReadPlan
{
    private readonly NodeId[] _reads;
    private readonly int[] _ends;

    private MerkleReadPlan(List<NodeId> reads, List<int> ends)
    {
        _reads = [.. reads];
        _ends = [.. ends];
        Reads = Array.AsReadOnly(_reads);
        Debug.Assert(_reads.Distinct().Count() == _reads.Length, "The ranges of a proof are disjoint.");
    }

    /// <summary>The stored nodes to read, each once.</summary>
    public ReadOnlyCollection<NodeId> Reads { get; }

    /// <summary>The number of hashes <see cref="Combine"/> returns.</summary>
    public int Count => _ends.Length;

    /// <summary>Plans MTH(D[0:<paramref name="treeSize"/>]), the root of the first <paramref name="treeSize"/> leaves (RFC 6962 §2.1).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="treeSize"/> is negative.</exception>
    public static MerkleReadPlan ForRoot(long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        return Build([(0, treeSize)]);
    }

    /// <summary>Plans PATH(m, D[n]), the audit path of leaf <paramref name="leafIndex"/> in the tree of <paramref name="treeSize"/> leaves (RFC 6962 §2.1.1).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leafIndex"/> is negative or not below <paramref name="treeSize"/>.</exception>
    public static MerkleReadPlan ForInclusion(long leafIndex, long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(leafIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(leafIndex, treeSize);

        // PATH(m, D[lo:hi]) = PATH(m, one half) : MTH(the other half); gathered from the top down, listed from the leaf up.
        var siblings = new List<(long Start, long End)>();
        long lo = 0, hi = treeSize;
        while (hi - lo > 1)
        {
            var split = lo + LargestPowerOfTwoBelow(hi - lo);
            if (leafIndex < split)
            {
                siblings.Add((split, hi));
                hi = split;
            }
            else
            {
                siblings.Add((lo, split));
                lo = split;
            }
        }

        siblings.Reverse();
        return Build(siblings);
    }

    /// <summary>
    /// Plans PROOF(m, D[n]) = SUBPROOF(m, D[n], true), the proof that the tree of <paramref name="oldSize"/> leaves is a
    /// prefix of the tree of <paramref name="newSize"/> leaves (RFC 6962 §2.1.2); empty when the sizes are equal.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="oldSize"/> is not in [1, <paramref name="newSize"/>].</exception>
    public static MerkleReadPlan ForConsistency(long oldSize, long newSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(oldSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, newSize);

        // SUBPROOF(m, D[lo:hi], b): m is absolute here, so "m = n" of the RFC reads oldSize == hi.
        var elements = new List<(long Start, long End)>();
        long lo = 0, hi = newSize;
        var isOldTree = true;
        while (oldSize != hi)
        {
            var split = lo + LargestPowerOfTwoBelow(hi - lo);
            if (oldSize <= split)
            {
                elements.Add((split, hi));
                hi = split;
            }
            else
            {
                elements.Add((lo, split));
                lo = split;
                isOldTree = false;
            }
        }

        // SUBPROOF(m, D[m], b): with b still true the range is the whole old tree, whose hash the verifier holds;
        // once the recursion has gone right it is only a part of the old tree, which the verifier cannot compute.
        if (!isOldTree)
        {
            elements.Add((lo, hi));
        }

        elements.Reverse();
        return Build(elements);
    }

    /// <summary>Combines the nodes read into the planned hashes: a root is one hash, a proof its elements in RFC order.</summary>
    /// <exception cref="MissingMerkleNodeException">A node of <see cref="Reads"/> is not in <paramref name="nodes"/>.</exception>
    /// <exception cref="InvalidDataException">A node's hash is not <see cref="MerkleHash.Size"/> bytes.</exception>
    public IReadOnlyList<byte[]> Combine(IReadOnlyDictionary<NodeId, byte[]> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var hashes = new byte[_ends.Length][];
        var start = 0;
        for (var element = 0; element < hashes.Length; element++)
        {
            var end = _ends[element];
            hashes[element] = Fold(nodes, start, end);
            start = end;
        }

        return hashes;
    }

    /// <summary>MTH of one range: its perfect subtrees folded from the right, or the empty tree's hash for no leaves.</summary>
    private byte[] Fold(IReadOnlyDictionary<NodeId, byte[]> nodes, int start, int end)
    {
        if (start == end)
        {
            return MerkleHash.EmptyTree.ToArray();
        }

        var hash = new byte[MerkleHash.Size];
        Stored(nodes, _reads[end - 1]).CopyTo(hash);
        for (var i = end - 2; i >= start; i--)
        {
            MerkleHash.Node(Stored(nodes, _reads[i]), hash, hash);
        }

        return hash;
    }

    private static byte[] Stored(IReadOnlyDictionary<NodeId, byte[]> nodes, NodeId id)
    {
        if (!nodes.TryGetValue(id, out var hash))
        {
            throw new MissingMerkleNodeException(id);
        }

        return hash.Length == MerkleHash.Size
            ? hash
            : throw new InvalidDataException($"The stored Merkle node {id} is {hash.Length} bytes, not {MerkleHash.Size}.");
    }

    private static MerkleReadPlan Build(List<(long Start, long End)> ranges)
    {
        var reads = new List<NodeId>();
        var ends = new List<int>(ranges.Count);
        foreach (var (start, end) in ranges)
        {
            NodeId.AddCover(start, end, reads);
            ends.Add(reads.Count);
        }

        return new MerkleReadPlan(reads, ends);
    }

    /// <summary>The k of RFC 6962 §2.1: the largest power of two smaller than <paramref name="n"/> (n &gt; 1).</summary>
    private static long LargestPowerOfTwoBelow(long n)
    {
        Debug.Assert(n > 1, "Only a tree of two or more leaves is split.");
        return 1L << BitOperations.Log2((ulong)(n - 1));
    }
}
