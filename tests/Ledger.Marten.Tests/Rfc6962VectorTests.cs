using GemPix.EventStore.Ledger;

namespace GemPix.Ledger.Marten.Tests;

/// <summary>
/// The published reference values of Certificate Transparency's test suites (shared/reference/rfc6962-vectors.md),
/// through the extension's own tables: leaves sealed one by one with its compare-and-set, roots read back from the
/// stored nodes.
/// </summary>
public sealed class Rfc6962VectorTests(MartenLedgerHost host) : IClassFixture<MartenLedgerHost>
{
    private static readonly string[] Leaves = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

    private static readonly string[] Roots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    [Fact]
    public async Task The_roots_of_the_reference_leaves_stored_in_the_ledger_tables_are_the_published_ones()
    {
        var store = host.LedgerStore;
        var tree = host.Sealer.Tree;
        var range = CompactRange.Empty;
        var checkpoint = LedgerCheckpoint.Empty;
        Convert.ToHexStringLower(await tree.RootAsync(0)).Should().Be("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

        for (var i = 0; i < Leaves.Length; i++)
        {
            var append = MerkleAppender.Append(range, [MerkleHash.Leaf(Convert.FromHexString(Leaves[i]))]);
            var next = new LedgerCheckpoint(i + 1, 100 + i);
            (await store.TryCommitAsync(checkpoint, next, [next.SeqId], append.NewNodes, null, default)).Should().BeTrue();
            (range, checkpoint) = (append.Range, next);

            Convert.ToHexStringLower(await tree.RootAsync(i + 1)).Should().Be(Roots[i], "the tree of {0} leaves", i + 1);
        }

        for (var size = 1; size <= Leaves.Length; size++)
        {
            Convert.ToHexStringLower(await tree.RootAsync(size)).Should().Be(Roots[size - 1], "the tree of {0} leaves read after it grew", size);
        }

        var stale = MerkleAppender.Append(CompactRange.Empty, [MerkleHash.Leaf([])]);
        (await store.TryCommitAsync(LedgerCheckpoint.Empty, new LedgerCheckpoint(1, 1), [1], stale.NewNodes, null, default))
            .Should().BeFalse("the tree is no longer empty: the compare-and-set refuses a seal from a stale size");
    }
}
