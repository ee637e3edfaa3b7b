namespace GemPix.EventStore.Ledger;

/// <summary>
/// Grows a tree by a batch of leaf hashes knowing only its compact range, and names the perfect subtrees the batch
/// completes: what a sealer stores, so that every later root and proof is a handful of reads.
/// </summary>
public static class MerkleAppender
{
    /// <summary>Appends <paramref name="leafHashes"/> (level-0 hashes, see <see cref="MerkleHash.Leaf(ReadOnlySpan{byte})"/>) after the leaves of <paramref name="range"/>.</summary>
    /// <remarks>
    /// Works like binary addition: each leaf is a carry at level 0, and two equal-level roots merge into their parent
    /// until the levels on the right edge differ. O(batch + log n) hashing; the leaf arrays are kept, not copied.
    /// </remarks>
    /// <exception cref="ArgumentException">A leaf hash is not <see cref="MerkleHash.Size"/> bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The tree would outgrow <see cref="long.MaxValue"/> leaves.</exception>
    public static MerkleAppend Append(CompactRange range, IReadOnlyList<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(leafHashes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(leafHashes.Count, long.MaxValue - range.Size, nameof(leafHashes));

        var levels = new List<int>();
        var hashes = new List<byte[]>();
        var existing = range.Nodes;
        for (var i = 0; i < existing.Count; i++)
        {
            levels.Add(existing[i].Level);
            hashes.Add(range.Hashes[i]);
        }

        var created = new List<MerkleNode>(2 * leafHashes.Count);
        var leaf = range.Size;
        foreach (var leafHash in leafHashes)
        {
            MerkleHash.RequireHash(leafHash, nameof(leafHashes));
            created.Add(new MerkleNode(new NodeId(0, leaf), leafHash));
            var level = 0;
            var hash = leafHash;
            while (levels.Count > 0 && levels[^1] == level)
            {
                hash = MerkleHash.Node(hashes[^1], hash);
                levels.RemoveAt(levels.Count - 1);
                hashes.RemoveAt(hashes.Count - 1);
                level++;
                // The leaf just added is the last of every subtree it completes.
                created.Add(new MerkleNode(new NodeId(level, leaf >> level), hash));
            }

            levels.Add(level);
            hashes.Add(hash);
            leaf++;
        }

        return new MerkleAppend(new CompactRange(leaf, hashes), created);
    }
}
