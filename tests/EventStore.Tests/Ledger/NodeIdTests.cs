using GemPix.EventStore.Ledger;

namespace GemPix.EventStore.Tests.Ledger;

public sealed class NodeIdTests
{
    [Theory]
    [InlineData(0, 0, 0, 1)]
    [InlineData(0, 5, 5, 6)]
    [InlineData(1, 2, 4, 6)]
    [InlineData(3, 1, 8, 16)]
    [InlineData(10, 3, 3072, 4096)]
    public void A_node_covers_two_to_the_level_leaves_from_its_index_times_that(int level, long index, long first, long end)
    {
        var node = new NodeId(level, index);

        node.FirstLeaf.Should().Be(first);
        node.EndLeaf.Should().Be(end);
        node.LeafCount.Should().Be(end - first);
    }

    [Fact]
    public void The_largest_nodes_end_within_the_range_of_leaf_indices()
    {
        new NodeId(NodeId.MaxLevel, 0).EndLeaf.Should().Be(1L << 62);
        new NodeId(0, long.MaxValue - 1).EndLeaf.Should().Be(long.MaxValue);
        new NodeId(61, 2).EndLeaf.Should().Be(3L << 61);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(63, 0)]
    [InlineData(0, -1)]
    [InlineData(0, long.MaxValue)]
    [InlineData(62, 1)]
    [InlineData(61, 3)]
    public void Nodes_outside_a_tree_of_long_max_leaves_are_refused(int level, long index)
    {
        var act = () => new NodeId(level, index);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Nodes_are_equal_by_level_and_index()
    {
        new NodeId(2, 3).Should().Be(new NodeId(2, 3));
        new NodeId(2, 3).Should().NotBe(new NodeId(3, 2));
        new NodeId(2, 3).ToString().Should().Be("2/3");
    }
}
