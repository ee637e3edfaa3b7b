using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace GemPix.EventStore.Tests.Ledger;

/// <summary>
/// MTH, PATH and PROOF exactly as the recursive definitions of RFC 6962 §2.1, over the whole leaf list, with their own
/// SHA-256: the slow, obviously right answers the stored-subtree code is held against. Subtree hashes are memoised so
/// that trees of thousands of leaves stay quick.
/// </summary>
internal sealed class ReferenceMerkleTree(IReadOnlyList<byte[]> leafInputs)
{
    private readonly ConcurrentDictionary<(int Start, int End), byte[]> _subtrees = new();

    public int Count => leafInputs.Count;

    public static byte[] LeafHash(byte[] input)
    {
        byte[] prefixed = [0x00, .. input];
        return SHA256.HashData(prefixed);
    }

    public static byte[] NodeHash(byte[] left, byte[] right)
    {
        byte[] prefixed = [0x01, .. left, .. right];
        return SHA256.HashData(prefixed);
    }

    public byte[] LeafHash(int index) => Mth(index, index + 1);

    /// <summary>MTH(D[0:n]).</summary>
    public byte[] Root(int n) => Mth(0, n);

    /// <summary>MTH(D[start:end]): the empty string's hash, a leaf hash, or the node over the split at the largest power of two below the length.</summary>
    public byte[] Mth(int start, int end) => _subtrees.GetOrAdd((start, end), range =>
    {
        var n = range.End - range.Start;
        if (n == 0)
        {
            return SHA256.HashData(Array.Empty<byte>());
        }

        if (n == 1)
        {
            return LeafHash(leafInputs[range.Start]);
        }

        var k = SplitOf(n);
        return NodeHash(Mth(range.Start, range.Start + k), Mth(range.Start + k, range.End));
    });

    /// <summary>PATH(m, D[n]) of §2.1.1.</summary>
    public List<byte[]> Path(int m, int n) => Path(m, 0, n);

    /// <summary>PROOF(m, D[n]) = SUBPROOF(m, D[n], true) of §2.1.2.</summary>
    public List<byte[]> Proof(int m, int n) => SubProof(m, 0, n, true);

    private List<byte[]> Path(int m, int start, int end)
    {
        var n = end - start;
        if (n == 1)
        {
            return [];
        }

        var k = SplitOf(n);
        return m < k
            ? [.. Path(m, start, start + k), Mth(start + k, end)]
            : [.. Path(m - k, start + k, end), Mth(start, start + k)];
    }

    private List<byte[]> SubProof(int m, int start, int end, bool b)
    {
        var n = end - start;
        if (m == n)
        {
            return b ? [] : [Mth(start, end)];
        }

        var k = SplitOf(n);
        return m <= k
            ? [.. SubProof(m, start, start + k, b), Mth(start + k, end)]
            : [.. SubProof(m - k, start + k, end, false), Mth(start, start + k)];
    }

    /// <summary>The largest power of two smaller than <paramref name="n"/>.</summary>
    private static int SplitOf(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }
}
