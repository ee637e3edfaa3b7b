using GemPix.EventStore.Ledger;

namespace GemPix.EventStore.Tests.Ledger;

public sealed class InclusionProofTests
{
    [Theory]
    [MemberData(nameof(SampleLedger.Sizes), MemberType = typeof(SampleLedger))]
    public async Task Inclusion_proofs_are_the_rfc_audit_paths_and_verify_for_every_leaf(int size)
    {
        var root = SampleLedger.Reference.Root(size);
        for (var leaf = 0; leaf < size; leaf++)
        {
            var (tree, reader) = SampleLedger.At(size);

            var proof = await tree.InclusionProofAsync(leaf, size);

            proof.Select(Convert.ToHexStringLower).Should().Equal(SampleLedger.Reference.Path(leaf, size).Select(Convert.ToHexStringLower));
            Rfc9162Verifier.VerifyInclusion(leaf, size, SampleLedger.Reference.LeafHash(leaf), proof, root)
                .Should().BeTrue($"leaf {leaf} is in the tree of {size}");
            reader.Requests.Should().HaveCount(proof.Count == 0 ? 0 : 1, "a proof is one batch read");
        }
    }

    [Theory]
    [MemberData(nameof(SampleLedger.SmallSizes), MemberType = typeof(SampleLedger))]
    public async Task Inclusion_proofs_with_a_flipped_byte_are_rejected(int size)
    {
        await ForEveryLeaf(size, (leaf, proof, leafHash, root) =>
        {
            for (var element = 0; element < proof.Count; element++)
            {
                Rfc9162Verifier.VerifyInclusion(leaf, size, leafHash, Tampered.FlipByte(proof, element), root).Should().BeFalse();
            }

            Rfc9162Verifier.VerifyInclusion(leaf, size, Tampered.FlipByte(leafHash), proof, root).Should().BeFalse();
            Rfc9162Verifier.VerifyInclusion(leaf, size, leafHash, proof, Tampered.FlipByte(root)).Should().BeFalse();
        });
    }

    [Theory]
    [MemberData(nameof(SampleLedger.SmallSizes), MemberType = typeof(SampleLedger))]
    public async Task Inclusion_proofs_missing_an_element_or_with_an_extra_one_are_rejected(int size)
    {
        var extra = SampleLedger.Reference.LeafHash(0);
        await ForEveryLeaf(size, (leaf, proof, leafHash, root) =>
        {
            for (var element = 0; element < proof.Count; element++)
            {
                Rfc9162Verifier.VerifyInclusion(leaf, size, leafHash, Tampered.Without(proof, element), root).Should().BeFalse();
            }

            for (var at = 0; at <= proof.Count; at++)
            {
                Rfc9162Verifier.VerifyInclusion(leaf, size, leafHash, Tampered.WithExtra(proof, at, extra), root).Should().BeFalse();
            }
        });
    }

    [Theory]
    [MemberData(nameof(SampleLedger.SmallSizes), MemberType = typeof(SampleLedger))]
    public async Task Inclusion_proofs_for_another_leaf_index_or_another_leaf_are_rejected(int size)
    {
        await ForEveryLeaf(size, (leaf, proof, leafHash, root) =>
        {
            foreach (var other in new[] { leaf - 1, leaf + 1, 0, size - 1, size, -1 }.Where(other => other != leaf))
            {
                Rfc9162Verifier.VerifyInclusion(other, size, leafHash, proof, root).Should().BeFalse($"leaf {leaf} is not at {other}");
            }

            var neighbour = SampleLedger.Reference.LeafHash(leaf + 1);
            Rfc9162Verifier.VerifyInclusion(leaf, size, neighbour, proof, root).Should().BeFalse();
        });
    }

    [Theory]
    [MemberData(nameof(SampleLedger.SmallSizes), MemberType = typeof(SampleLedger))]
    public async Task Inclusion_proofs_checked_against_another_tree_size_and_its_root_are_rejected(int size)
    {
        await ForEveryLeaf(size, (leaf, proof, leafHash, _) =>
        {
            foreach (var other in new[] { size - 1, size + 1, size * 2 }.Where(other => other > leaf))
            {
                Rfc9162Verifier.VerifyInclusion(leaf, other, leafHash, proof, SampleLedger.Reference.Root(other))
                    .Should().BeFalse($"the proof is for the tree of {size}, not {other}");
            }
        });
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 5)]
    [InlineData(6, 5)]
    [InlineData(-1, 5)]
    [InlineData(0, -1)]
    public async Task A_leaf_outside_the_tree_is_refused(long leaf, long size)
    {
        var (tree, reader) = SampleLedger.At(10);

        var act = async () => await tree.InclusionProofAsync(leaf, size);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
        reader.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task The_only_leaf_of_a_tree_of_one_is_proven_by_an_empty_path_without_a_read()
    {
        var (tree, reader) = SampleLedger.At(1);

        var proof = await tree.InclusionProofAsync(0, 1);

        proof.Should().BeEmpty();
        reader.Requests.Should().BeEmpty();
        Rfc9162Verifier.VerifyInclusion(0, 1, SampleLedger.Reference.LeafHash(0), proof, SampleLedger.Reference.Root(1)).Should().BeTrue();
    }

    private static async Task ForEveryLeaf(int size, Action<int, IReadOnlyList<byte[]>, byte[], byte[]> check)
    {
        var (tree, _) = SampleLedger.At(size);
        var root = SampleLedger.Reference.Root(size);
        for (var leaf = 0; leaf < size; leaf++)
        {
            var proof = await tree.InclusionProofAsync(leaf, size);
            Rfc9162Verifier.VerifyInclusion(leaf, size, SampleLedger.Reference.LeafHash(leaf), proof, root).Should().BeTrue();
            check(leaf, proof, SampleLedger.Reference.LeafHash(leaf), root);
        }
    }
}
