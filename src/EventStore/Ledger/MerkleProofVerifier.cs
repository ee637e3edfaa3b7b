namespace GemPix.EventStore.Ledger;

/// <summary>
/// Checks RFC 6962 proofs as a client would: inclusion (RFC 9162 §2.1.3.2) and consistency (RFC 9162 §2.1.4.2).
/// Used by <c>verify-ledger</c> on the proofs the stored nodes give; false for any malformed input, never an exception.
/// </summary>
public static class MerkleProofVerifier
{
    /// <summary>Does <paramref name="path"/> lead from leaf <paramref name="leafIndex"/>'s hash to <paramref name="root"/>?</summary>
    public static bool VerifyInclusion(long leafIndex, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> path, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (leafIndex < 0 || leafIndex >= treeSize || leafHash.Length != MerkleHash.Size || !AreHashes(path))
        {
            return false;
        }

        var (index, last) = (leafIndex, treeSize - 1);
        Span<byte> hash = stackalloc byte[MerkleHash.Size];
        leafHash.CopyTo(hash);
        foreach (var sibling in path)
        {
            if (last == 0)
            {
                return false;
            }

            if ((index & 1) == 1 || index == last)
            {
                MerkleHash.Node(sibling, hash, hash);
                // A right edge: climb past the levels where this subtree has no right sibling.
                while ((index & 1) == 0 && index != 0)
                {
                    (index, last) = (index >> 1, last >> 1);
                }
            }
            else
            {
                MerkleHash.Node(hash, sibling, hash);
            }

            (index, last) = (index >> 1, last >> 1);
        }

        return last == 0 && hash.SequenceEqual(root);
    }

    /// <summary>
    /// Does <paramref name="proof"/> show the tree of <paramref name="first"/> leaves (root <paramref name="firstRoot"/>) to be
    /// a prefix of the tree of <paramref name="second"/> leaves (root <paramref name="secondRoot"/>)? Equal sizes need an
    /// empty proof and equal roots.
    /// </summary>
    public static bool VerifyConsistency(long first, long second, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (first < 1 || first > second || firstRoot.Length != MerkleHash.Size || secondRoot.Length != MerkleHash.Size || !AreHashes(proof))
        {
            return false;
        }

        if (first == second)
        {
            return proof.Count == 0 && firstRoot.SequenceEqual(secondRoot);
        }

        if (proof.Count == 0)
        {
            return false;
        }

        // A first tree that is a perfect subtree is its own first node; otherwise the proof starts with it.
        var isPerfect = (first & (first - 1)) == 0;
        var (index, last) = (first - 1, second - 1);
        while ((index & 1) == 1)
        {
            (index, last) = (index >> 1, last >> 1);
        }

        Span<byte> firstHash = stackalloc byte[MerkleHash.Size];
        Span<byte> secondHash = stackalloc byte[MerkleHash.Size];
        var start = isPerfect ? firstRoot : proof[0];
        start.CopyTo(firstHash);
        start.CopyTo(secondHash);
        for (var i = isPerfect ? 0 : 1; i < proof.Count; i++)
        {
            if (last == 0)
            {
                return false;
            }

            var node = proof[i];
            if ((index & 1) == 1 || index == last)
            {
                MerkleHash.Node(node, firstHash, firstHash);
                MerkleHash.Node(node, secondHash, secondHash);
                while ((index & 1) == 0 && index != 0)
                {
                    (index, last) = (index >> 1, last >> 1);
                }
            }
            else
            {
                MerkleHash.Node(secondHash, node, secondHash);
            }

            (index, last) = (index >> 1, last >> 1);
        }

        return last == 0 && firstHash.SequenceEqual(firstRoot) && secondHash.SequenceEqual(secondRoot);
    }

    private static bool AreHashes(IReadOnlyList<byte[]> hashes)
    {
        foreach (var hash in hashes)
        {
            if (hash is null || hash.Length != MerkleHash.Size)
            {
                return false;
            }
        }

        return true;
    }
}
