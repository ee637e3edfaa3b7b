using GemPix.EventStore.Ledger;

namespace GemPix.EventStore.Tests.Ledger;

public sealed class ConsistencyProofTests
{
    [Theory]
    [MemberData(nameof(SampleLedger.Sizes), MemberType = typeof(SampleLedger))]
    public async Task Consistency_proofs_are_the_rfc_subproofs_and_verify_from_every_older_size(int size)
    {
        var root = SampleLedger.Reference.Root(size);
        for (var old = 1; old <= size; old++)
        {
            var (tree, reader) = SampleLedger.At(size);

            var proof = await tree.ConsistencyProofAsync(old, size);

            proof.Select(Convert.ToHexStringLower).Should().Equal(SampleLedger.Reference.Proof(old, size).Select(Convert.ToHexStringLower));
            Rfc9162Verifier.VerifyConsistency(old, size, SampleLedger.Reference.Root(old), root, proof)
                .Should().BeTrue($"the tree of {old} is a prefix of the tree of {size}");
            reader.Requests.Should().HaveCount(proof.Count == 0 ? 0 : 1, "a proof is one batch read");
        }
    }

    [Theory]
    [MemberData(nameof(SampleLedger.SmallSizes), MemberType = typeof(SampleLedger))]
    public async Task Consistency_proofs_with_a_flipped_byte_are_rejected(int size)
    {
        await ForEveryOlderSize(size, (old, proof, oldRoot, root) =>
        {
            for (var element = 0; element < proof.Count; element++)
            {
                Rfc9162Verifier.VerifyConsistency(old, size, oldRoot, root, Tampered.FlipByte(proof, element)).Should().BeFalse();
            }

            Rfc9162Verifier.VerifyConsistency(old, size, Tampered.FlipByte(oldRoot), root, proof).Should().BeFalse();
            Rfc9162Verifier.VerifyConsistency(old, size, oldRoot, Tampered.FlipByte(root), proof).Should().BeFalse();
        });
    }

    [Theory]
    [MemberData(nameof(SampleLedger.SmallSizes), MemberType = typeof(SampleLedger))]
    public async Task Consistency_proofs_missing_an_element_or_with_an_extra_one_are_rejected(int size)
    {
        var extra = SampleLedger.Reference.LeafHash(0);
        await ForEveryOlderSize(size, (old, proof, oldRoot, root) =>
        {
            for (var element = 0; element < proof.Count; element++)
            {
                Rfc9162Verifier.VerifyConsistency(old, size, oldRoot, root, Tampered.Without(proof, element)).Should().BeFalse();
            }

            for (var at = 0; at <= proof.Count; at++)
            {
                Rfc9162Verifier.VerifyConsistency(old, size, oldRoot, root, Tampered.WithExtra(proof, at, extra)).Should().BeFalse();
            }
        });
    }

    [Theory]
    [MemberData(nameof(SampleLedger.SmallSizes), MemberType = typeof(SampleLedger))]
    public async Task Consistency_proofs_checked_between_other_sizes_and_their_roots_are_rejected(int size)
    {
        await ForEveryOlderSize(size, (old, proof, _, _) =>
        {
            var pairs = new[] { (old - 1, size), (old + 1, size), (old, size - 1), (old, size + 1), (old - 1, size - 1), (old + 1, size + 1) };
            // Equal sizes with an empty proof is a true statement about one tree, whatever proof it came from.
            foreach (var (first, second) in pairs.Where(p => p.Item1 >= 1 && p.Item1 <= p.Item2 && (p.Item1 < p.Item2 || proof.Count > 0)))
            {
                Rfc9162Verifier.VerifyConsistency(first, second, SampleLedger.Reference.Root(first), SampleLedger.Reference.Root(second), proof)
                    .Should().BeFalse($"the proof is from {old} to {size}, not from {first} to {second}");
            }
        });
    }

    [Theory]
    [MemberData(nameof(SampleLedger.SmallSizes), MemberType = typeof(SampleLedger))]
    public async Task Consistency_proofs_are_rejected_for_a_tree_that_rewrote_an_old_leaf(int size)
    {
        var forged = SampleLedger.Inputs.Take(size).Select(input => (byte[])input.Clone()).ToArray();
        forged[0][^1] ^= 0x01;
        var forgedRoot = new ReferenceMerkleTree(forged).Root(size);

        await ForEveryOlderSize(size, (old, proof, oldRoot, _) =>
        {
            if (old < size)
            {
                Rfc9162Verifier.VerifyConsistency(old, size, oldRoot, forgedRoot, proof).Should().BeFalse();
            }
        });
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 5)]
    [InlineData(6, 5)]
    [InlineData(-1, 5)]
    [InlineData(1, 0)]
    public async Task Sizes_that_are_not_an_older_and_a_newer_tree_are_refused(long old, long size)
    {
        var (tree, reader) = SampleLedger.At(10);

        var act = async () => await tree.ConsistencyProofAsync(old, size);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
        reader.Requests.Should().BeEmpty();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task A_tree_is_consistent_with_itself_by_an_empty_proof_without_a_read(int size)
    {
        var (tree, reader) = SampleLedger.At(size);

        var proof = await tree.ConsistencyProofAsync(size, size);

        proof.Should().BeEmpty();
        reader.Requests.Should().BeEmpty();
        var root = SampleLedger.Reference.Root(size);
        Rfc9162Verifier.VerifyConsistency(size, size, root, root, proof).Should().BeTrue();
        Rfc9162Verifier.VerifyConsistency(size, size, root, Tampered.FlipByte(root), proof).Should().BeFalse();
    }

    private static async Task ForEveryOlderSize(int size, Action<int, IReadOnlyList<byte[]>, byte[], byte[]> check)
    {
        var (tree, _) = SampleLedger.At(size);
        var root = SampleLedger.Reference.Root(size);
        for (var old = 1; old <= size; old++)
        {
            var proof = await tree.ConsistencyProofAsync(old, size);
            var oldRoot = SampleLedger.Reference.Root(old);
            Rfc9162Verifier.VerifyConsistency(old, size, oldRoot, root, proof).Should().BeTrue();
            check(old, proof, oldRoot, root);
        }
    }
}
