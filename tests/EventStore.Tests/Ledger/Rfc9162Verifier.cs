using System.Security.Cryptography;

namespace GemPix.EventStore.Tests.Ledger;

/// <summary>
/// Proof verification written from RFC 9162 §2.1.3.2 and §2.1.4.2 with its own SHA-256, so that the production code
/// is checked by what an outside auditor would run, not by itself.
/// </summary>
internal static class Rfc9162Verifier
{
    private const int HashSize = 32;

    /// <summary>RFC 9162 §2.1.3.2: does <paramref name="inclusionPath"/> lead from leaf <paramref name="leafIndex"/>'s hash to <paramref name="rootHash"/>?</summary>
    public static bool VerifyInclusion(long leafIndex, long treeSize, byte[] leafHash, IReadOnlyList<byte[]> inclusionPath, byte[] rootHash)
    {
        // 1. A leaf index at or beyond the tree size fails.
        if (leafIndex < 0 || leafIndex >= treeSize || !AllHashes(inclusionPath))
        {
            return false;
        }

        // 2, 3.
        var fn = leafIndex;
        var sn = treeSize - 1;
        var r = leafHash;

        // 4.
        foreach (var p in inclusionPath)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = NodeHash(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        // 5.
        return sn == 0 && r.AsSpan().SequenceEqual(rootHash);
    }

    /// <summary>
    /// RFC 9162 §2.1.4.2: does <paramref name="consistencyPath"/> prove the tree of <paramref name="first"/> leaves a
    /// prefix of the tree of <paramref name="second"/> leaves? The RFC's algorithm is for 0 &lt; first &lt; second; for
    /// equal sizes RFC 6962's SUBPROOF is empty, so only an empty path between equal hashes passes.
    /// </summary>
    public static bool VerifyConsistency(long first, long second, byte[] firstHash, byte[] secondHash, IReadOnlyList<byte[]> consistencyPath)
    {
        if (first <= 0 || first > second || !AllHashes(consistencyPath))
        {
            return false;
        }

        if (first == second)
        {
            return consistencyPath.Count == 0 && firstHash.AsSpan().SequenceEqual(secondHash);
        }

        // 1.
        if (consistencyPath.Count == 0)
        {
            return false;
        }

        // 2.
        var path = new List<byte[]>(consistencyPath.Count + 1);
        if ((first & (first - 1)) == 0)
        {
            path.Add(firstHash);
        }

        path.AddRange(consistencyPath);

        // 3, 4.
        var fn = first - 1;
        var sn = second - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        // 5.
        var fr = path[0];
        var sr = path[0];

        // 6.
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                sr = NodeHash(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        // 7.
        return fr.AsSpan().SequenceEqual(firstHash) && sr.AsSpan().SequenceEqual(secondHash) && sn == 0;
    }

    private static bool AllHashes(IReadOnlyList<byte[]> path) => path.All(h => h.Length == HashSize);

    private static byte[] NodeHash(byte[] left, byte[] right)
    {
        byte[] input = [0x01, .. left, .. right];
        return SHA256.HashData(input);
    }
}
