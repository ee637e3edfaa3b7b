using GemPix.EventStore.Ledger;
using GemPix.Testing;

namespace GemPix.Ledger.Marten.Tests;

/// <summary>The daemon seals every row once, in seq_id order, and a restarted or killed sealer neither doubles nor skips one.</summary>
public sealed class SealingTests : IAsyncLifetime
{
    private readonly MartenLedgerHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task The_daemon_seals_every_committed_event_once_in_seq_id_order_and_signs_a_head()
    {
        await _host.StartDaemonAsync();

        await _host.AppendAsync(25);
        await _host.WaitUntilSealedAsync();

        (await _host.LeafSeqIdsAsync()).Should().Equal(await _host.EventSeqIdsAsync());
        var head = await _host.Sealer.IssueHeadAsync() ?? await _host.Sealer.ReadLatestHeadAsync();
        head!.TreeSize.Should().Be(25);
        var verification = await _host.Verifier.VerifyAsync();
        verification.Fault.Should().BeNull();
        verification.Leaves.Should().Be(25);
        verification.Latest!.TreeSize.Should().Be(25);
    }

    [Fact]
    public async Task A_restarted_sealer_whose_daemon_delivers_everything_again_seals_nothing_twice()
    {
        var daemon = await _host.StartDaemonAsync();
        await _host.AppendAsync(30);
        await _host.WaitUntilSealedAsync();
        await _host.StopDaemonAsync(daemon);

        // A new process: a sealer with nothing in memory, and Marten's progress lost, so every page comes again.
        await _host.AppendAsync(20, writer: 1);
        await _host.ExecuteAsync("DELETE FROM mt_event_progression WHERE name LIKE 'GemPixLedger%'");
        var restarted = _host.NewSealer();
        using var store = _host.NewStore(restarted);
        var restartedDaemon = await _host.StartDaemonAsync(store);
        await _host.WaitUntilSealedAsync();
        await Eventually.HoldsAsync(
            async () => await _host.ScalarAsync<long>("SELECT coalesce(max(last_seq_id), 0) FROM mt_event_progression WHERE name LIKE 'GemPixLedger%'") >= 50,
            "the daemon redelivered every page");

        await _host.StopDaemonAsync(restartedDaemon);

        var leaves = await _host.LeafSeqIdsAsync();
        leaves.Should().Equal(await _host.EventSeqIdsAsync()).And.OnlyHaveUniqueItems().And.HaveCount(50);
        await restarted.IssueHeadAsync();
        (await _host.Verifier.VerifyAsync()).Fault.Should().BeNull();
    }

    [Fact]
    public async Task A_seal_killed_before_its_commit_leaves_nothing_and_the_next_sealer_continues_from_the_stored_state()
    {
        await _host.AppendAsync(12);
        var ceiling = await _host.ScalarAsync<long>("SELECT max(seq_id) FROM mt_events");
        var first = _host.NewSealer();
        await first.SealThroughAsync(ceiling / 2);
        await _host.AppendAsync(8, writer: 1);
        ceiling = await _host.ScalarAsync<long>("SELECT max(seq_id) FROM mt_events");

        var killed = _host.NewSealer();
        killed.BeforeCommit = _ => throw new OperationCanceledException("killed mid-seal");
        var seal = () => killed.SealThroughAsync(ceiling);
        await seal.Should().ThrowAsync<OperationCanceledException>();
        (await _host.Sealer.ReadCheckpointAsync()).TreeSize.Should().Be(6);

        // The first sealer still believes its own state; the compare-and-set confirms it, and it goes on.
        await first.SealThroughAsync(ceiling);
        var stale = await killed.SealNextAsync(ceiling);
        killed.BeforeCommit = null;
        await killed.SealThroughAsync(ceiling);

        stale.Outcome.Should().Be(SealOutcome.Idle);
        (await _host.LeafSeqIdsAsync()).Should().Equal(await _host.EventSeqIdsAsync()).And.HaveCount(20);
        await first.IssueHeadAsync();
        (await _host.Verifier.VerifyAsync()).Fault.Should().BeNull();
    }

    [Fact]
    public async Task A_sealer_that_lost_a_race_writes_nothing_and_starts_again_from_the_stored_state()
    {
        await _host.AppendAsync(4);
        var ceiling = await _host.ScalarAsync<long>("SELECT max(seq_id) FROM mt_events");
        var slow = _host.NewSealer();
        var fast = _host.NewSealer();
        (await slow.SealNextAsync(ceiling)).Outcome.Should().Be(SealOutcome.Sealed);
        await _host.AppendAsync(4, writer: 1);
        ceiling = await _host.ScalarAsync<long>("SELECT max(seq_id) FROM mt_events");

        // fast seals the new rows; slow still holds the tree of 4 in memory and tries to seal the same rows on it.
        await fast.SealThroughAsync(ceiling);
        var lost = await slow.SealNextAsync(ceiling);
        var after = await slow.SealNextAsync(ceiling);

        lost.Outcome.Should().Be(SealOutcome.Conflict);
        after.Outcome.Should().Be(SealOutcome.Idle);
        (await _host.LeafSeqIdsAsync()).Should().Equal(await _host.EventSeqIdsAsync()).And.HaveCount(8);
    }
}
