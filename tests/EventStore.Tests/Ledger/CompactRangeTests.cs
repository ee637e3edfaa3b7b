using GemPix.EventStore.Ledger;

namespace GemPix.EventStore.Tests.Ledger;

public sealed class CompactRangeTests
{
    [Theory]
    [InlineData(0, "")]
    [InlineData(1, "0/0")]
    [InlineData(6, "2/0 1/2")]
    [InlineData(7, "2/0 1/2 0/6")]
    [InlineData(8, "3/0")]
    [InlineData(13, "3/0 2/2 0/12")]
    [InlineData(1025, "10/0 0/1024")]
    public void A_tree_is_covered_by_one_perfect_subtree_per_set_bit_of_its_size_largest_first(long size, string expected)
    {
        string.Join(' ', CompactRange.NodesFor(size)).Should().Be(expected);
    }

    [Fact]
    public void The_range_of_the_largest_tree_has_63_subtrees()
    {
        var nodes = CompactRange.NodesFor(long.MaxValue);

        nodes.Should().HaveCount(63);
        nodes[0].Should().Be(new NodeId(62, 0));
        nodes[^1].Should().Be(new NodeId(0, long.MaxValue - 1));
    }

    [Theory]
    [MemberData(nameof(SampleLedger.Sizes), MemberType = typeof(SampleLedger))]
    public void The_root_of_a_compact_range_is_the_root_of_its_tree(int size)
    {
        var range = MerkleAppender.Append(CompactRange.Empty, [.. SampleLedger.LeafHashes.Take(size)]).Range;

        range.Size.Should().Be(size);
        range.Root().Should().Equal(SampleLedger.Reference.Root(size));
    }

    [Fact]
    public void A_compact_range_needs_one_hash_of_32_bytes_per_set_bit_of_its_size()
    {
        var hash = new byte[32];

        new CompactRange(5, [hash, hash]).Size.Should().Be(5);
        FluentActions.Invoking(() => new CompactRange(5, [hash])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new CompactRange(4, [hash, hash])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new CompactRange(1, [new byte[31]])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new CompactRange(-1, [])).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Building_a_range_from_stored_nodes_names_a_missing_one()
    {
        var nodes = new Dictionary<NodeId, byte[]> { [new NodeId(2, 0)] = new byte[32] };

        var act = () => CompactRange.FromNodes(6, nodes);

        act.Should().Throw<MissingMerkleNodeException>().Which.Node.Should().Be(new NodeId(1, 2));
    }
}
