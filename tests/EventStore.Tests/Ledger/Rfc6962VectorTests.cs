using GemPix.EventStore.Ledger;

namespace GemPix.EventStore.Tests.Ledger;

/// <summary>The published reference values of Certificate Transparency's test suites (shared/reference/rfc6962-vectors.md).</summary>
public sealed class Rfc6962VectorTests
{
    private static readonly byte[][] Leaves =
    [
        [],
        Convert.FromHexString("00"),
        Convert.FromHexString("10"),
        Convert.FromHexString("2021"),
        Convert.FromHexString("3031"),
        Convert.FromHexString("40414243"),
        Convert.FromHexString("5051525354555657"),
        Convert.FromHexString("606162636465666768696a6b6c6d6e6f"),
    ];

    [Theory]
    [InlineData(1, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")]
    [InlineData(2, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")]
    [InlineData(3, "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77")]
    [InlineData(4, "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    [InlineData(5, "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4")]
    [InlineData(6, "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef")]
    [InlineData(7, "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c")]
    [InlineData(8, "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")]
    public async Task The_roots_of_the_reference_leaves_are_the_published_ones(int size, string expected)
    {
        var nodes = new InMemoryMerkleNodeReader();
        var append = MerkleAppender.Append(CompactRange.Empty, [.. Leaves.Select(leaf => MerkleHash.Leaf(leaf))]);
        nodes.Store(append.NewNodes);

        var root = await new MerkleTree(nodes.AsOf(size)).RootAsync(size);
        var appended = MerkleAppender.Append(CompactRange.Empty, [.. Leaves.Take(size).Select(leaf => MerkleHash.Leaf(leaf))]);

        Convert.ToHexStringLower(root).Should().Be(expected);
        Convert.ToHexStringLower(appended.Range.Root()).Should().Be(expected);
    }

    [Fact]
    public async Task The_empty_tree_has_the_published_hash()
    {
        const string expected = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

        var root = await new MerkleTree(new InMemoryMerkleNodeReader()).RootAsync(0);

        Convert.ToHexStringLower(root).Should().Be(expected);
        Convert.ToHexStringLower(CompactRange.Empty.Root()).Should().Be(expected);
    }
}
