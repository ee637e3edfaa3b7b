using GemPix.EventStore.Ledger;

namespace GemPix.EventStore.Tests.Ledger;

public sealed class MerkleAppenderTests
{
    public static TheoryData<int[]> Batches { get; } = new()
    {
        Enumerable.Repeat(1, 70).ToArray(),
        Enumerable.Repeat(3, 50).ToArray(),
        Enumerable.Repeat(7, 40).ToArray(),
        Enumerable.Repeat(64, 20).ToArray(),
        new[] { 1, 3, 7, 64, 1, 5, 100, 2, 256, 9, 1, 1, 1000, 31, 33 },
        new[] { 1023, 1, 1, 1024, 2048 },
        RandomBatches(seed: 9162, total: SampleLedger.MaxSize),
    };

    [Theory]
    [MemberData(nameof(Batches))]
    public void Appending_in_batches_stores_the_nodes_a_build_from_scratch_stores_and_passes_the_same_roots(int[] batches)
    {
        var stored = new InMemoryMerkleNodeReader();
        var range = CompactRange.Empty;
        foreach (var batch in batches)
        {
            var before = range.Size;
            var append = MerkleAppender.Append(range, [.. SampleLedger.LeafHashes.Skip((int)before).Take(batch)]);
            range = append.Range;

            stored.Store(append.NewNodes);
            range.Size.Should().Be(before + batch);
            range.Root().Should().Equal(SampleLedger.Reference.Root((int)range.Size));
            Sorted(append.NewNodes.Select(node => node.Id)).Should().Equal(
                Sorted(CompleteSubtrees(range.Size).Where(id => id.EndLeaf > before)),
                "a batch stores exactly the subtrees it completes");
        }

        var fromScratch = MerkleAppender.Append(CompactRange.Empty, [.. SampleLedger.LeafHashes.Take((int)range.Size)]);
        Hex(stored.Nodes).Should().Equal(Hex(fromScratch.NewNodes.ToDictionary(node => node.Id, node => node.Hash)));
        fromScratch.Range.Hashes.Should().BeEquivalentTo(range.Hashes, options => options.WithStrictOrdering());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(64)]
    [InlineData(100)]
    [InlineData(129)]
    public void The_stored_nodes_are_every_complete_perfect_subtree_with_its_hash(int size)
    {
        var append = MerkleAppender.Append(CompactRange.Empty, [.. SampleLedger.LeafHashes.Take(size)]);

        Sorted(append.NewNodes.Select(node => node.Id)).Should().Equal(Sorted(CompleteSubtrees(size)));
        foreach (var node in append.NewNodes)
        {
            node.Hash.Should().Equal(SampleLedger.Reference.Mth((int)node.Id.FirstLeaf, (int)node.Id.EndLeaf));
        }
    }

    [Fact]
    public void Each_node_is_listed_after_its_children()
    {
        var append = MerkleAppender.Append(CompactRange.Empty, [.. SampleLedger.LeafHashes.Take(100)]);
        var position = append.NewNodes.Select((node, i) => (node.Id, i)).ToDictionary(p => p.Id, p => p.i);

        foreach (var (id, i) in position.Where(p => p.Key.Level > 0))
        {
            position[new NodeId(id.Level - 1, 2 * id.Index)].Should().BeLessThan(i);
            position[new NodeId(id.Level - 1, (2 * id.Index) + 1)].Should().BeLessThan(i);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 3)]
    [InlineData(64, 1)]
    [InlineData(1000, 25)]
    [InlineData(1023, 2)]
    [InlineData(4095, 2)]
    public async Task A_compact_range_read_back_from_the_stored_nodes_continues_the_tree(int size, int more)
    {
        var (tree, reader) = SampleLedger.At(size);

        var range = await tree.CompactRangeAsync(size);
        var append = MerkleAppender.Append(range, [.. SampleLedger.LeafHashes.Skip(size).Take(more)]);

        reader.Requests.Should().ContainSingle().Which.Should().Equal(CompactRange.NodesFor(size));
        append.Range.Root().Should().Equal(SampleLedger.Reference.Root(size + more));
        append.NewNodes.Should().AllSatisfy(node =>
            node.Hash.Should().Equal(SampleLedger.Reference.Mth((int)node.Id.FirstLeaf, (int)node.Id.EndLeaf)));
        Sorted(append.NewNodes.Select(node => node.Id)).Should().Equal(
            Sorted(CompleteSubtrees(size + more).Where(id => id.EndLeaf > size)));
    }

    [Fact]
    public async Task The_range_of_the_empty_tree_is_read_without_a_query()
    {
        var reader = new InMemoryMerkleNodeReader();

        var range = await new MerkleTree(reader).CompactRangeAsync(0);

        range.Size.Should().Be(0);
        reader.Requests.Should().BeEmpty();
    }

    [Fact]
    public void Appending_nothing_stores_nothing_and_keeps_the_range()
    {
        var range = MerkleAppender.Append(CompactRange.Empty, [.. SampleLedger.LeafHashes.Take(11)]).Range;

        var append = MerkleAppender.Append(range, []);

        append.NewNodes.Should().BeEmpty();
        append.Range.Size.Should().Be(11);
        append.Range.Root().Should().Equal(range.Root());
    }

    [Fact]
    public void Leaf_hashes_that_are_not_32_bytes_are_refused()
    {
        var act = () => MerkleAppender.Append(CompactRange.Empty, [new byte[32], new byte[20]]);

        act.Should().Throw<ArgumentException>();
    }

    /// <summary>Every (level, index) whose subtree lies inside the first <paramref name="size"/> leaves.</summary>
    private static IEnumerable<NodeId> CompleteSubtrees(long size)
    {
        for (var level = 0; 1L << level <= size; level++)
        {
            for (long index = 0; (index + 1) << level <= size; index++)
            {
                yield return new NodeId(level, index);
            }
        }
    }

    private static List<NodeId> Sorted(IEnumerable<NodeId> ids) => [.. ids.OrderBy(id => id.Level).ThenBy(id => id.Index)];

    private static Dictionary<NodeId, string> Hex(IReadOnlyDictionary<NodeId, byte[]> nodes) =>
        nodes.ToDictionary(node => node.Key, node => Convert.ToHexStringLower(node.Value));

    private static int[] RandomBatches(int seed, int total)
    {
        var random = new Random(seed);
        var batches = new List<int>();
        for (var left = total; left > 0;)
        {
            var batch = Math.Min(left, random.Next(1, 200));
            batches.Add(batch);
            left -= batch;
        }

        return [.. batches];
    }
}
