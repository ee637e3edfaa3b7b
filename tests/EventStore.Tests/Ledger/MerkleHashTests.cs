using System.Security.Cryptography;
using GemPix.EventStore.Ledger;

namespace GemPix.EventStore.Tests.Ledger;

public sealed class MerkleHashTests
{
    [Fact]
    public void The_empty_tree_hash_is_sha256_of_the_empty_string()
    {
        MerkleHash.EmptyTree.ToArray().Should().Equal(SHA256.HashData(Array.Empty<byte>()));
        Convert.ToHexStringLower(MerkleHash.EmptyTree).Should().Be("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(100_000)]
    public void A_leaf_hash_is_sha256_of_a_zero_byte_then_the_leaf_input(int length)
    {
        var input = RandomNumberGenerator.GetBytes(length);

        MerkleHash.Leaf(input).Should().Equal(ReferenceMerkleTree.LeafHash(input));
    }

    [Fact]
    public void A_node_hash_is_sha256_of_a_one_byte_then_both_children()
    {
        var left = RandomNumberGenerator.GetBytes(32);
        var right = RandomNumberGenerator.GetBytes(32);

        MerkleHash.Node(left, right).Should().Equal(ReferenceMerkleTree.NodeHash(left, right));
        MerkleHash.Node(right, left).Should().NotEqual(MerkleHash.Node(left, right));
    }

    [Fact]
    public void A_leaf_and_a_node_over_the_same_bytes_hash_differently()
    {
        var left = RandomNumberGenerator.GetBytes(32);
        var right = RandomNumberGenerator.GetBytes(32);

        MerkleHash.Leaf([.. left, .. right]).Should().NotEqual(MerkleHash.Node(left, right));
    }

    [Fact]
    public void A_node_hash_may_be_written_over_either_child()
    {
        var left = RandomNumberGenerator.GetBytes(32);
        var right = RandomNumberGenerator.GetBytes(32);
        var expected = ReferenceMerkleTree.NodeHash(left, right);
        var overLeft = (byte[])left.Clone();
        var overRight = (byte[])right.Clone();

        MerkleHash.Node(overLeft, right, overLeft);
        MerkleHash.Node(left, overRight, overRight);

        overLeft.Should().Equal(expected);
        overRight.Should().Equal(expected);
    }

    [Theory]
    [InlineData(31, 32)]
    [InlineData(32, 33)]
    [InlineData(0, 32)]
    public void Node_hashes_refuse_children_that_are_not_32_bytes(int leftLength, int rightLength)
    {
        var act = () => MerkleHash.Node(new byte[leftLength], new byte[rightLength]);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Writing_a_hash_needs_room_for_32_bytes()
    {
        var leaf = () => MerkleHash.Leaf([1, 2, 3], new byte[31]);
        var node = () => MerkleHash.Node(new byte[32], new byte[32], new byte[31]);

        leaf.Should().Throw<ArgumentException>();
        node.Should().Throw<ArgumentException>();
    }
}
