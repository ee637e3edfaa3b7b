using System.Numerics;
using GemPix.EventStore.Ledger;

namespace GemPix.EventStore.Tests.Ledger;

/// <summary>
/// A proof must cost O(log n) reads whatever the tree size. The bound asserted, 2·⌈log2 n⌉ − 1 nodes for a proof, is
/// the one argued on <see cref="MerkleReadPlan"/>: one node per recursion step, plus one right edge of fewer than
/// ⌈log2 n⌉ subtrees.
/// </summary>
public sealed class MerkleReadPlanTests
{
    [Theory]
    [MemberData(nameof(SampleLedger.Sizes), MemberType = typeof(SampleLedger))]
    public void An_inclusion_proof_reads_at_most_two_log2_n_minus_one_distinct_nodes_of_subtrees_complete_at_n(int size)
    {
        for (var leaf = 0; leaf < size; leaf++)
        {
            var plan = MerkleReadPlan.ForInclusion(leaf, size);

            plan.Reads.Count.Should().BeLessThanOrEqualTo(ProofBound(size));
            plan.Count.Should().BeLessThanOrEqualTo(CeilingLog2(size));
            plan.Reads.Should().OnlyHaveUniqueItems();
            plan.Reads.Where(id => id.EndLeaf > size).Should().BeEmpty("only subtrees complete at the size are stored");
        }
    }

    [Theory]
    [MemberData(nameof(SampleLedger.Sizes), MemberType = typeof(SampleLedger))]
    public void A_consistency_proof_reads_at_most_two_log2_n_minus_one_distinct_nodes_of_subtrees_complete_at_n(int size)
    {
        for (var old = 1; old <= size; old++)
        {
            var plan = MerkleReadPlan.ForConsistency(old, size);

            plan.Reads.Count.Should().BeLessThanOrEqualTo(ProofBound(size));
            plan.Count.Should().BeLessThanOrEqualTo(CeilingLog2(size) + 1);
            plan.Reads.Should().OnlyHaveUniqueItems();
            plan.Reads.Where(id => id.EndLeaf > size).Should().BeEmpty("only subtrees complete at the size are stored");
        }
    }

    [Theory]
    [InlineData(1L << 40)]
    [InlineData((1L << 40) + 1)]
    [InlineData((1L << 40) - 1)]
    [InlineData(long.MaxValue)]
    public void Plans_for_huge_trees_stay_logarithmic(long size)
    {
        var samples = new[] { 0, 1, size / 3, size / 2, size - 2, size - 1 };
        foreach (var leaf in samples)
        {
            MerkleReadPlan.ForInclusion(leaf, size).Reads.Count.Should().BeLessThanOrEqualTo(ProofBound(size));
            MerkleReadPlan.ForConsistency(Math.Max(1, leaf), size).Reads.Count.Should().BeLessThanOrEqualTo(ProofBound(size));
        }

        MerkleReadPlan.ForRoot(size).Reads.Count.Should().Be(BitOperations.PopCount((ulong)size));
    }

    [Fact]
    public void The_empty_root_and_the_empty_proofs_read_nothing()
    {
        MerkleReadPlan.ForRoot(0).Reads.Should().BeEmpty();
        MerkleReadPlan.ForRoot(0).Count.Should().Be(1);
        MerkleReadPlan.ForInclusion(0, 1).Reads.Should().BeEmpty();
        MerkleReadPlan.ForConsistency(9, 9).Reads.Should().BeEmpty();
        MerkleReadPlan.ForConsistency(9, 9).Count.Should().Be(0);
    }

    private static int CeilingLog2(long n) => n <= 1 ? 0 : BitOperations.Log2((ulong)(n - 1)) + 1;

    private static int ProofBound(long n) => Math.Max(0, (2 * CeilingLog2(n)) - 1);
}
