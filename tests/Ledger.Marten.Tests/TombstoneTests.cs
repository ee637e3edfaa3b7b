using GemPix.Testing;
using JasperFx;
using JasperFx.Events;

namespace GemPix.Ledger.Marten.Tests;

/// <summary>Marten's tombstones are not leaves (docs/ledger.md, "On Marten"): they may be written below seq_ids already sealed.</summary>
public sealed class TombstoneTests : IAsyncLifetime
{
    // Rich appends reserve seq_ids before the commit, so a unit of work that fails leaves tombstones behind.
    private readonly MartenLedgerHost _host = new(options => options.Events.AppendMode = EventAppendMode.Rich);

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task The_tombstones_of_a_failed_unit_of_work_are_not_sealed_and_verification_passes()
    {
        await _host.StartDaemonAsync();
        var stream = Guid.NewGuid();
        await using (var session = _host.Store.LightweightSession())
        {
            session.Events.StartStream(stream, new Stamped(0, 0, "first"));
            await session.SaveChangesAsync();
        }

        await using (var loser = _host.Store.LightweightSession())
        {
            loser.Events.Append(stream, 5, new Stamped(0, 1, "loses"), new Stamped(0, 2, "loses"));
            var save = () => loser.SaveChangesAsync();
            await save.Should().ThrowAsync<ConcurrencyException>();
        }

        await _host.AppendAsync(5, writer: 1);
        await Eventually.HoldsAsync(async () => (await _host.TombstoneSeqIdsAsync()).Count > 0, "Marten wrote the loser's tombstones");
        await _host.WaitUntilSealedAsync();

        var leaves = await _host.LeafSeqIdsAsync();
        leaves.Should().Equal(await _host.EventSeqIdsAsync()).And.HaveCount(6);
        leaves.Should().NotIntersectWith(await _host.TombstoneSeqIdsAsync());
        await _host.Sealer.IssueHeadAsync();
        (await _host.Verifier.VerifyAsync()).Fault.Should().BeNull();
    }

    [Fact]
    public async Task A_tombstone_written_below_the_sealed_seq_ids_leaves_the_ledger_whole()
    {
        await _host.AppendAsync(4);
        await _host.Sealer.SealThroughAsync(await _host.ScalarAsync<long>("SELECT max(seq_id) FROM mt_events"));
        await _host.Sealer.IssueHeadAsync();

        // As Marten's background tombstone writer would, late: a seq_id below every sealed one (the sequence starts at 1).
        await _host.ExecuteAsync(
            $$"""
            SET session_replication_role = replica;
            INSERT INTO mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type)
            VALUES (0, gen_random_uuid(), '{{Tombstone.StreamId}}', -7, '{}', 'tombstone', now(), '*DEFAULT*', 'JasperFx.Events.Tombstone')
            """);

        (await _host.Verifier.VerifyAsync()).Fault.Should().BeNull();
    }

    [Fact]
    public async Task A_sealed_event_rewritten_into_a_tombstone_is_named_by_its_seq_id()
    {
        await _host.AppendAsync(4);
        await _host.Sealer.SealThroughAsync(await _host.ScalarAsync<long>("SELECT max(seq_id) FROM mt_events"));
        var hidden = (await _host.EventSeqIdsAsync())[2];

        await _host.ExecuteAsync($"SET session_replication_role = replica; UPDATE mt_events SET type = 'tombstone', stream_id = '{Tombstone.StreamId}', version = -{hidden} WHERE seq_id = {hidden}");

        (await _host.Verifier.VerifyAsync()).Fault!.Seq.Should().Be(hidden);
    }
}
