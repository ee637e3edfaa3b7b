using System.Numerics;

namespace GemPix.EventStore.Ledger;

/// <summary>
/// The roots of the perfect subtrees that cover the leaves [0, <see cref="Size"/>), largest first: one for each set bit
/// of the size. It is all an appender needs to know of the tree, and it folds into the tree's root without a read.
/// </summary>
public sealed class CompactRange
{
    private readonly byte[][] _hashes;

    /// <param name="size">The number of leaves covered.</param>
    /// <param name="hashes">The hashes of <see cref="NodesFor"/>(<paramref name="size"/>), in that order; kept, not copied.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative.</exception>
    /// <exception cref="ArgumentException">The number of hashes is not the size's number of set bits, or a hash is not <see cref="MerkleHash.Size"/> bytes.</exception>
    public CompactRange(long size, IReadOnlyList<byte[]> hashes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentNullException.ThrowIfNull(hashes);
        if (hashes.Count != BitOperations.PopCount((ulong)size))
        {
            throw new ArgumentException($"A tree of {size} leaves has {BitOperations.PopCount((ulong)size)} perfect subtrees on its right edge, not {hashes.Count}.", nameof(hashes));
        }

        _hashes = new byte[hashes.Count][];
        for (var i = 0; i < _hashes.Length; i++)
        {
            MerkleHash.RequireHash(hashes[i], nameof(hashes));
            _hashes[i] = hashes[i];
        }

        Size = size;
    }

    /// <summary>The range of the empty tree.</summary>
    public static CompactRange Empty { get; } = new(0, []);

    /// <summary>The number of leaves covered.</summary>
    public long Size { get; }

    /// <summary>The roots of <see cref="Nodes"/>, in the same order.</summary>
    public IReadOnlyList<byte[]> Hashes => _hashes;

    /// <summary>The perfect subtrees covered, largest first.</summary>
    public IReadOnlyList<NodeId> Nodes => NodesFor(Size);

    /// <summary>The perfect subtrees that cover [0, <paramref name="size"/>), largest first: the nodes to read to rebuild a range.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative.</exception>
    public static IReadOnlyList<NodeId> NodesFor(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var nodes = new List<NodeId>(BitOperations.PopCount((ulong)size));
        NodeId.AddCover(0, size, nodes);
        return nodes;
    }

    /// <summary>Builds the range of a tree of <paramref name="size"/> leaves from its stored nodes, read by <see cref="NodesFor"/>.</summary>
    /// <exception cref="MissingMerkleNodeException">One of the nodes is not in <paramref name="nodes"/>.</exception>
    public static CompactRange FromNodes(long size, IReadOnlyDictionary<NodeId, byte[]> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var ids = NodesFor(size);
        var hashes = new byte[ids.Count][];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = nodes.TryGetValue(ids[i], out var hash) ? hash : throw new MissingMerkleNodeException(ids[i]);
        }

        return new CompactRange(size, hashes);
    }

    /// <summary>MTH(D[0:Size]): the subtree roots folded from the right, as RFC 6962 §2.1 splits a tree at its largest power of two.</summary>
    public byte[] Root()
    {
        if (_hashes.Length == 0)
        {
            return MerkleHash.EmptyTree.ToArray();
        }

        var root = (byte[])_hashes[^1].Clone();
        for (var i = _hashes.Length - 2; i >= 0; i--)
        {
            MerkleHash.Node(_hashes[i], root, root);
        }

        return root;
    }
}
