using System.Diagnostics;
using System.Globalization;
using System.Numerics;

namespace GemPix.EventStore.Ledger;

/// <summary>
/// A stored perfect subtree: the root hash of the 2^<see cref="Level"/> leaves that start at leaf
/// <see cref="Index"/>·2^<see cref="Level"/> (level 0: the leaf hashes themselves).
/// </summary>
/// <remarks>
/// The ledger stores exactly these nodes, each once its subtree is complete, so a stored hash never changes.
/// Every root and proof of RFC 6962 is combined from O(log n) of them: the right edge of a tree whose size is not
/// a power of two is never stored, only computed from the perfect subtrees it consists of.
/// </remarks>
public readonly record struct NodeId
{
    /// <summary>The highest level: 2^62 leaves is the largest perfect subtree whose end fits in a <see cref="long"/>.</summary>
    public const int MaxLevel = 62;

    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="level"/> is outside [0, <see cref="MaxLevel"/>], <paramref name="index"/> is negative, or the
    /// subtree would end beyond leaf <see cref="long.MaxValue"/>.
    /// </exception>
    public NodeId(int level, long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, MaxLevel);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, (long.MaxValue >> level) - 1);
        Level = level;
        Index = index;
    }

    /// <summary>The height of the subtree: it holds 2^Level leaves.</summary>
    public int Level { get; }

    /// <summary>The subtree's position among the subtrees of its level, counted from the left.</summary>
    public long Index { get; }

    /// <summary>The index of the subtree's first leaf.</summary>
    public long FirstLeaf => Index << Level;

    /// <summary>The number of leaves under the subtree: 2^Level.</summary>
    public long LeafCount => 1L << Level;

    /// <summary>The index just past the subtree's last leaf: the smallest tree size that completes it.</summary>
    public long EndLeaf => (Index + 1) << Level;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Level}/{Index}");

    /// <summary>
    /// Adds the perfect subtrees whose combination RFC 6962 takes as MTH(D[start:end]), largest first: one per set bit
    /// of the range's length. MTH is then their fold from the right, each step SHA-256(0x01 ‖ left ‖ right).
    /// </summary>
    /// <remarks>
    /// Holds for every range the RFC's recursion produces, because such a range starts at a multiple of the smallest
    /// power of two not below its length; the same decomposition of [0, n) is the compact range of a tree of size n.
    /// </remarks>
    internal static void AddCover(long start, long end, List<NodeId> into)
    {
        Debug.Assert(start >= 0 && start <= end, "A range runs forwards from a leaf.");
        Debug.Assert(start == end || start % (long)BitOperations.RoundUpToPowerOf2((ulong)(end - start)) == 0, "RFC 6962 ranges are aligned.");
        var offset = start;
        while (offset < end)
        {
            var level = BitOperations.Log2((ulong)(end - offset));
            into.Add(new NodeId(level, offset >> level));
            offset += 1L << level;
        }
    }
}
