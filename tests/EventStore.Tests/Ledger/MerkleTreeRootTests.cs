using System.Numerics;
using GemPix.EventStore.Ledger;

namespace GemPix.EventStore.Tests.Ledger;

public sealed class MerkleTreeRootTests
{
    [Theory]
    [MemberData(nameof(SampleLedger.Sizes), MemberType = typeof(SampleLedger))]
    public async Task The_root_is_the_recursive_merkle_tree_hash_from_one_read_of_a_node_per_set_bit_of_the_size(int size)
    {
        var (tree, reader) = SampleLedger.At(size);

        var root = await tree.RootAsync(size);

        root.Should().Equal(SampleLedger.Reference.Root(size));
        reader.Requests.Should().ContainSingle().Which.Should().Equal(CompactRange.NodesFor(size));
        reader.Requests[0].Length.Should().Be(BitOperations.PopCount((ulong)size)).And.BeLessThanOrEqualTo(BitOperations.Log2((ulong)size) + 1);
    }

    [Fact]
    public async Task The_root_of_the_empty_tree_is_the_empty_hash_without_a_read()
    {
        var (tree, reader) = SampleLedger.At(0);

        var root = await tree.RootAsync(0);

        root.Should().Equal(MerkleHash.EmptyTree.ToArray());
        reader.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_root_beyond_the_sealed_leaves_names_the_node_that_is_missing()
    {
        var (tree, _) = SampleLedger.At(5);

        var act = async () => await tree.RootAsync(6);

        (await act.Should().ThrowAsync<MissingMerkleNodeException>()).Which.Node.Should().Be(new NodeId(1, 2));
    }

    [Fact]
    public async Task A_negative_tree_size_is_refused()
    {
        var (tree, _) = SampleLedger.At(5);

        var act = async () => await tree.RootAsync(-1);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void A_stored_hash_of_the_wrong_length_is_reported_as_corrupt()
    {
        var plan = MerkleReadPlan.ForRoot(3);
        var nodes = new Dictionary<NodeId, byte[]> { [new NodeId(1, 0)] = new byte[32], [new NodeId(0, 2)] = new byte[31] };

        var act = () => plan.Combine(nodes);

        act.Should().Throw<InvalidDataException>();
    }
}
