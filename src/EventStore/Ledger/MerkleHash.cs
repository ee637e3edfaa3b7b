using System.Security.Cryptography;

namespace GemPix.EventStore.Ledger;

/// <summary>
/// The hashes of RFC 6962 §2.1 with SHA-256. Leaves and interior nodes are hashed under different one-byte
/// prefixes, so that no leaf can be passed off as an interior node (a second-preimage attack on the tree).
/// </summary>
public static class MerkleHash
{
    /// <summary>The length in bytes of every hash: leaf, node and root.</summary>
    public const int Size = SHA256.HashSizeInBytes;

    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;

    /// <summary>Leaf inputs up to this length are prefixed on the stack; longer ones are streamed, never copied.</summary>
    private const int StackLimit = 256;

    /// <summary>MTH({}): SHA-256 of the empty string, the root of a tree without leaves.</summary>
    public static ReadOnlySpan<byte> EmptyTree =>
    [
        0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24,
        0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55,
    ];

    /// <summary>Writes SHA-256(0x00 ‖ <paramref name="leafInput"/>) to the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="Size"/>.</exception>
    public static void Leaf(ReadOnlySpan<byte> leafInput, Span<byte> destination)
    {
        RequireDestination(destination);
        if (leafInput.Length < StackLimit)
        {
            Span<byte> buffer = stackalloc byte[StackLimit];
            buffer[0] = LeafPrefix;
            leafInput.CopyTo(buffer[1..]);
            SHA256.HashData(buffer[..(leafInput.Length + 1)], destination);
            return;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        ReadOnlySpan<byte> prefix = [LeafPrefix];
        hash.AppendData(prefix);
        hash.AppendData(leafInput);
        hash.GetHashAndReset(destination);
    }

    /// <summary>SHA-256(0x00 ‖ <paramref name="leafInput"/>): the hash of one leaf, as a new array.</summary>
    public static byte[] Leaf(ReadOnlySpan<byte> leafInput)
    {
        var hash = new byte[Size];
        Leaf(leafInput, hash);
        return hash;
    }

    /// <summary>
    /// Writes SHA-256(0x01 ‖ <paramref name="left"/> ‖ <paramref name="right"/>) to the first <see cref="Size"/> bytes
    /// of <paramref name="destination"/>, which may be <paramref name="left"/> or <paramref name="right"/> itself.
    /// </summary>
    /// <exception cref="ArgumentException">A child is not <see cref="Size"/> bytes, or <paramref name="destination"/> is shorter.</exception>
    public static void Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        RequireHash(left, nameof(left));
        RequireHash(right, nameof(right));
        RequireDestination(destination);
        Span<byte> buffer = stackalloc byte[1 + (2 * Size)];
        buffer[0] = NodePrefix;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + Size)..]);
        SHA256.HashData(buffer, destination);
    }

    /// <summary>SHA-256(0x01 ‖ <paramref name="left"/> ‖ <paramref name="right"/>): the hash of an interior node, as a new array.</summary>
    /// <exception cref="ArgumentException">A child is not <see cref="Size"/> bytes.</exception>
    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var hash = new byte[Size];
        Node(left, right, hash);
        return hash;
    }

    internal static void RequireHash(ReadOnlySpan<byte> hash, string parameterName)
    {
        if (hash.Length != Size)
        {
            throw new ArgumentException($"A Merkle hash is {Size} bytes, not {hash.Length}.", parameterName);
        }
    }

    private static void RequireDestination(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"The destination holds {destination.Length} bytes; a Merkle hash needs {Size}.", nameof(destination));
        }
    }
}
