using System.Security.Cryptography;
using GemPix.EventStore.Ledger;
using GemPix.EventStore.Tests.Support;
using GemPix.Testing;
using Npgsql;

namespace GemPix.EventStore.Tests.Ledger;

public sealed class LedgerSealerTests : IAsyncLifetime
{
    private LedgerDatabase _ledger = null!;

    public async Task InitializeAsync() => _ledger = await LedgerDatabase.CreateAsync();

    public async Task DisposeAsync() => await _ledger.DisposeAsync();

    [Fact]
    public async Task Leaves_follow_the_gap_safe_order_of_concurrent_writers_whose_xids_and_seqs_disagree()
    {
        const int writers = 8;
        const int appendsEach = 200;
        var store = _ledger.Store;
        var sealer = _ledger.Sealer(LedgerDatabase.FastOptions(batchSize: 97));
        using var stop = new CancellationTokenSource();
        var sealing = sealer.RunAsync(stop.Token);

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var stream = Guid.NewGuid();
            for (var i = 0; i < appendsEach; i++)
            {
                var append = EventStoreDatabase.Append(stream, ExpectedVersion.Any, new Deposited(i));
                if ((i + w) % 3 == 0)
                {
                    // Takes its xid before appending, so that xid order and sequence order come apart.
                    await using var connection = await _ledger.Db.AppDataSource.OpenConnectionAsync();
                    await using var transaction = await connection.BeginTransactionAsync();
                    await using (var early = new NpgsqlCommand("SELECT pg_current_xact_id()", connection, transaction))
                    {
                        await early.ExecuteScalarAsync();
                    }

                    await Task.Yield();
                    await store.AppendAsync([append], connection, transaction);
                    await transaction.CommitAsync();
                }
                else
                {
                    await store.AppendAsync(append);
                }
            }
        })));

        await Eventually.HoldsAsync(
            async () => (await _ledger.Ledger.GetStateAsync()).TreeSize == writers * appendsEach, "the sealer has sealed every event", TimeSpan.FromMinutes(2));
        await stop.CancelAsync();
        await sealing;

        var leaves = await _ledger.LeavesAsync();
        var inputs = await _ledger.LeafInputsAsync();
        leaves.Select(l => l.LeafIndex).Should().Equal(Enumerable.Range(0, writers * appendsEach).Select(i => (long)i));
        leaves.Select(l => l.Seq).Should().Equal(await _ledger.SeqsInGlobalOrderAsync());
        leaves.Select(l => l.Seq).Should().NotBeInAscendingOrder("some transactions took their xids before they took their seqs");
        leaves.Should().AllSatisfy(l => l.Hash.Should().Equal(ReferenceMerkleTree.LeafHash(inputs[l.Seq])));
    }

    [Fact]
    public async Task A_sealer_killed_before_its_commit_leaves_nothing_and_the_next_seal_takes_the_same_leaves_once()
    {
        await _ledger.AppendAsync(25, perAppend: 5);
        await _ledger.AllVisibleAsync();
        var killed = _ledger.Sealer();
        killed.BeforeCommit = async _ =>
        {
            // Its leaves and nodes are written and the tree size moved, all uncommitted: end its session now.
            await using var kill = _ledger.Db.DataSource.CreateCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'");
            await kill.ExecuteNonQueryAsync();
        };

        var seal = () => killed.SealNextAsync();


        await seal.Should().ThrowAsync<NpgsqlException>();
        (await _ledger.Ledger.GetStateAsync()).TreeSize.Should().Be(0);
        (await _ledger.LeavesAsync()).Should().BeEmpty();

        killed.BeforeCommit = null;
        (await _ledger.SealAllAsync(killed))!.TreeSize.Should().Be(25, "the same sealer starts again from what is committed");
        (await _ledger.LeavesAsync()).Select(l => l.Seq).Should().Equal(await _ledger.SeqsInGlobalOrderAsync());
    }

    [Fact]
    public async Task Of_two_sealers_racing_for_the_same_leaves_one_commits_and_the_other_starts_again_from_it()
    {
        await _ledger.AppendAsync(30, perAppend: 3);
        await _ledger.AllVisibleAsync();
        var first = _ledger.Sealer(LedgerDatabase.FastOptions(batchSize: 20));
        var second = _ledger.Sealer(LedgerDatabase.FastOptions(batchSize: 20));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        first.BeforeCommit = _ => release.Task;

        var firstSeal = first.SealNextAsync();
        await Eventually.HoldsAsync(async () => await WaitingOnLocksAsync() == 0 && await IdleInTransactionAsync() == 1, "the first seal holds the tree size");
        var secondSeal = second.SealNextAsync();
        await Eventually.HoldsAsync(async () => await WaitingOnLocksAsync() == 1, "the second seal waits for the first");
        release.SetResult();

        (await firstSeal).Should().Be(new SealResult(SealOutcome.Sealed, 20, 20));
        (await secondSeal).Outcome.Should().Be(SealOutcome.Conflict);
        (await second.SealNextAsync()).Should().Be(new SealResult(SealOutcome.Sealed, 10, 30), "it saw all 30 events before it waited");
        (await first.SealNextAsync()).Outcome.Should().Be(SealOutcome.Conflict, "its remembered tree size is stale");
        (await first.SealNextAsync()).Outcome.Should().Be(SealOutcome.Idle);

        var leaves = await _ledger.LeavesAsync();
        leaves.Select(l => l.LeafIndex).Should().Equal(Enumerable.Range(0, 30).Select(i => (long)i));
        leaves.Select(l => l.Seq).Should().Equal(await _ledger.SeqsInGlobalOrderAsync());
    }

    [Fact]
    public async Task Two_running_sealers_seal_every_event_once_and_the_survivor_goes_on_when_the_owner_stops()
    {
        var options = LedgerDatabase.FastOptions(batchSize: 50);
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var a = _ledger.Sealer(options).RunAsync(stopA.Token);
        var b = _ledger.Sealer(options).RunAsync(stopB.Token);

        await _ledger.AppendAsync(300, perAppend: 7);
        await Eventually.HoldsAsync(async () => (await _ledger.Ledger.GetStateAsync()).TreeSize == 300, "the first 300 events are sealed");
        await stopA.CancelAsync();
        await a;
        await _ledger.AppendAsync(200, perAppend: 3);
        await Eventually.HoldsAsync(async () => (await _ledger.Ledger.GetStateAsync()).TreeSize == 500, "the survivor seals the rest");
        await Eventually.HoldsAsync(async () => (await _ledger.Ledger.GetLatestHeadAsync())?.TreeSize == 500, "the survivor signs a head for them");
        await stopB.CancelAsync();
        await b;

        (await _ledger.LeavesAsync()).Select(l => l.Seq).Should().Equal(await _ledger.SeqsInGlobalOrderAsync());
    }

    [Fact]
    public async Task Heads_verify_with_plain_ecdsa_and_their_proofs_with_the_independent_rfc9162_verifier()
    {
        var sealer = _ledger.Sealer(LedgerDatabase.FastOptions(batchSize: 7));
        var heads = new List<SignedTreeHead>();
        foreach (var count in new[] { 1, 6, 9, 16, 1, 33 })
        {
            await _ledger.AppendAsync(count, perAppend: 4);
            heads.Add((await _ledger.SealAllAsync(sealer))!);
        }

        var inputs = await _ledger.LeafInputsAsync();
        var reference = new ReferenceMerkleTree([.. (await _ledger.SeqsInGlobalOrderAsync()).Select(seq => inputs[seq])]);
        heads.Select(h => h.TreeSize).Should().Equal(1, 7, 16, 32, 33, 66);
        foreach (var head in heads)
        {
            var payload = _ledger.Keys.Verify(head.Jws);
            payload.Should().NotBeNull("the head is signed by the sealer's key");
            var signed = TestTreeHeadKeys.Payload(head.Jws);
            ((long)signed["treeSize"]!).Should().Be(head.TreeSize);
            ((string)signed["rootHash"]!).Should().Be(Convert.ToHexStringLower(reference.Root((int)head.TreeSize)));
            ((string)signed["issuedAt"]!).Should().Be("2026-11-22T10:15:30Z");

            for (var leaf = 0; leaf < head.TreeSize; leaf++)
            {
                var path = await _ledger.Ledger.Tree.InclusionProofAsync(leaf, head.TreeSize);
                Rfc9162Verifier.VerifyInclusion(leaf, head.TreeSize, reference.LeafHash(leaf), path, head.RootHash).Should().BeTrue();
            }
        }

        foreach (var (older, newer) in heads.Zip(heads.Skip(1)))
        {
            var proof = await _ledger.Ledger.Tree.ConsistencyProofAsync(older.TreeSize, newer.TreeSize);
            Rfc9162Verifier.VerifyConsistency(older.TreeSize, newer.TreeSize, older.RootHash, newer.RootHash, proof).Should().BeTrue();
            MerkleProofVerifier.VerifyConsistency(older.TreeSize, newer.TreeSize, older.RootHash, newer.RootHash, proof).Should().BeTrue();
        }

        (await _ledger.Ledger.GetLatestHeadAsync()).Should().BeEquivalentTo(heads[^1]);
    }

    [Fact]
    public async Task A_head_is_signed_only_for_a_tree_that_grew()
    {
        var sealer = _ledger.Sealer();
        (await _ledger.SealAllAsync(sealer)).Should().BeNull("there is nothing to sign");

        await _ledger.AppendAsync(3);
        var head = await _ledger.SealAllAsync(sealer);

        head!.TreeSize.Should().Be(3);
        (await sealer.IssueHeadAsync()).Should().BeNull();
        (await _ledger.ListAsync<long>("SELECT tree_size FROM gempix.ledger_heads")).Should().Equal(3);
    }

    [Fact]
    public async Task The_application_role_cannot_change_what_the_ledger_wrote()
    {
        await _ledger.AppendAsync(2);
        await _ledger.SealAllAsync(_ledger.Sealer());

        foreach (var sql in new[]
        {
            "UPDATE gempix.ledger_leaves SET leaf_hash = leaf_hash",
            "DELETE FROM gempix.ledger_nodes",
            "UPDATE gempix.ledger_heads SET jws = jws",
            "TRUNCATE gempix.ledger_leaves",
        })
        {
            await using var command = _ledger.Db.AppDataSource.CreateCommand(sql);
            var change = () => command.ExecuteNonQueryAsync();
            (await change.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege, sql);
        }
    }

    private Task<long> WaitingOnLocksAsync() =>
        _ledger.Db.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");

    private Task<long> IdleInTransactionAsync() =>
        _ledger.Db.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'");
}
