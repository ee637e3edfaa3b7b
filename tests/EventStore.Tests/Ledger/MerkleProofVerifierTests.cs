using GemPix.EventStore.Ledger;

namespace GemPix.EventStore.Tests.Ledger;

/// <summary>The verifier verify-ledger runs agrees with the independent one on every proof, good or tampered.</summary>
public sealed class MerkleProofVerifierTests
{
    [Theory]
    [MemberData(nameof(SampleLedger.SmallSizes), MemberType = typeof(SampleLedger))]
    public void Inclusion_proofs_verify_and_tampered_ones_do_not(int size)
    {
        var root = SampleLedger.Reference.Root(size);
        for (var leaf = 0; leaf < size; leaf++)
        {
            var proof = SampleLedger.Reference.Path(leaf, size);
            var leafHash = SampleLedger.Reference.LeafHash(leaf);

            MerkleProofVerifier.VerifyInclusion(leaf, size, leafHash, proof, root).Should().BeTrue();
            MerkleProofVerifier.VerifyInclusion(leaf, size, Tampered.FlipByte(leafHash), proof, root).Should().BeFalse();
            MerkleProofVerifier.VerifyInclusion(leaf, size, leafHash, Tampered.WithExtra(proof, proof.Count, leafHash), root).Should().BeFalse();
            for (var element = 0; element < proof.Count; element++)
            {
                MerkleProofVerifier.VerifyInclusion(leaf, size, leafHash, Tampered.FlipByte(proof, element), root).Should().BeFalse();
                MerkleProofVerifier.VerifyInclusion(leaf, size, leafHash, Tampered.Without(proof, element), root).Should().BeFalse();
            }
        }
    }

    [Theory]
    [MemberData(nameof(SampleLedger.SmallSizes), MemberType = typeof(SampleLedger))]
    public void Consistency_proofs_verify_and_tampered_ones_do_not(int size)
    {
        var newRoot = SampleLedger.Reference.Root(size);
        for (var old = 1; old <= size; old++)
        {
            var oldRoot = SampleLedger.Reference.Root(old);
            var proof = SampleLedger.Reference.Proof(old, size);

            MerkleProofVerifier.VerifyConsistency(old, size, oldRoot, newRoot, proof).Should().Be(
                Rfc9162Verifier.VerifyConsistency(old, size, oldRoot, newRoot, proof)).And.BeTrue($"{old} → {size}");
            MerkleProofVerifier.VerifyConsistency(old, size, Tampered.FlipByte(oldRoot), newRoot, proof).Should().BeFalse();
            MerkleProofVerifier.VerifyConsistency(old, size, oldRoot, Tampered.FlipByte(newRoot), proof).Should().BeFalse();
            for (var element = 0; element < proof.Count; element++)
            {
                MerkleProofVerifier.VerifyConsistency(old, size, oldRoot, newRoot, Tampered.FlipByte(proof, element)).Should().BeFalse();
                MerkleProofVerifier.VerifyConsistency(old, size, oldRoot, newRoot, Tampered.Without(proof, element)).Should().BeFalse();
            }
        }
    }

    [Fact]
    public void Malformed_input_is_false_not_an_exception()
    {
        var hash = SampleLedger.Reference.LeafHash(0);

        MerkleProofVerifier.VerifyInclusion(-1, 1, hash, [], hash).Should().BeFalse();
        MerkleProofVerifier.VerifyInclusion(0, 1, hash[..5], [], hash).Should().BeFalse();
        MerkleProofVerifier.VerifyInclusion(0, 2, hash, [hash[..31]], hash).Should().BeFalse();
        MerkleProofVerifier.VerifyConsistency(0, 1, hash, hash, []).Should().BeFalse();
        MerkleProofVerifier.VerifyConsistency(2, 1, hash, hash, []).Should().BeFalse();
        MerkleProofVerifier.VerifyConsistency(1, 2, hash, hash, []).Should().BeFalse();
    }
}
