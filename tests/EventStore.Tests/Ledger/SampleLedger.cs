using System.Buffers.Binary;
using GemPix.EventStore.Ledger;

namespace GemPix.EventStore.Tests.Ledger;

/// <summary>
/// One ledger of 4097 leaves of varied length, sealed once, shared read-only by the tests: any smaller tree is its
/// prefix, seen through <see cref="InMemoryMerkleNodeReader.AsOf"/>.
/// </summary>
internal static class SampleLedger
{
    public const int MaxSize = 4097;

    public static IReadOnlyList<byte[]> Inputs { get; } = CreateInputs();

    public static ReferenceMerkleTree Reference { get; } = new(Inputs);

    public static IReadOnlyList<byte[]> LeafHashes { get; } = [.. Inputs.Select(input => MerkleHash.Leaf(input))];

    private static InMemoryMerkleNodeReader Nodes { get; } = Seal();

    /// <summary>Every size up to 64, the sizes either side of powers of two beyond it, and a few in between.</summary>
    public static TheoryData<int> Sizes { get; } = [.. Enumerable.Range(1, 64), 127, 128, 129, 1000, 1023, 1024, 1025, 4096, 4097];

    /// <summary>Every size up to 40 and one beyond a power of two: for the tests that tamper with every proof.</summary>
    public static TheoryData<int> SmallSizes { get; } = [.. Enumerable.Range(1, 40), 1025];

    /// <summary>The tree of the first <paramref name="size"/> leaves, with a fresh read log.</summary>
    public static (MerkleTree Tree, InMemoryMerkleNodeReader Reader) At(long size)
    {
        var reader = Nodes.AsOf(size);
        return (new MerkleTree(reader), reader);
    }

    private static byte[][] CreateInputs()
    {
        var random = new Random(6962);
        var inputs = new byte[MaxSize][];
        for (var i = 0; i < inputs.Length; i++)
        {
            // The index first keeps every leaf distinct, so no tampered proof can pass by a coincidence of equal leaves.
            inputs[i] = new byte[4 + random.Next(0, 48)];
            BinaryPrimitives.WriteInt32LittleEndian(inputs[i], i);
            random.NextBytes(inputs[i].AsSpan(4));
        }

        return inputs;
    }

    private static InMemoryMerkleNodeReader Seal()
    {
        var reader = new InMemoryMerkleNodeReader();
        reader.Store(MerkleAppender.Append(CompactRange.Empty, LeafHashes).NewNodes);
        return reader;
    }
}
