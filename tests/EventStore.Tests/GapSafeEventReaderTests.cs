using System.Collections.Concurrent;
using GemPix.EventStore.Tests.Support;
using GemPix.Testing;
using Npgsql;
using static GemPix.EventStore.Tests.Support.EventStoreDatabase;

namespace GemPix.EventStore.Tests;

public sealed class GapSafeEventReaderTests : IClassFixture<EventStoreDatabase>
{
    private readonly EventStoreDatabase _db;
    private readonly PostgresEventStore _store;
    private readonly GapSafeEventReader _reader;

    public GapSafeEventReaderTests(EventStoreDatabase db)
    {
        _db = db;
        _store = db.Store();
        _reader = db.Reader();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_tailing_reader_sees_every_event_of_sixteen_writers_exactly_once_in_global_order(int run)
    {
        const int writers = 16;
        const int appendsEach = 1250;
        var start = await _reader.ReadHeadAsync();
        var committed = new ConcurrentDictionary<Guid, bool>();
        var streams = Enumerable.Range(0, writers).Select(_ => Guid.NewGuid()).ToArray();
        using var done = new CancellationTokenSource();

        var writing = Task.WhenAll(streams.Select((stream, w) => Task.Run(async () =>
        {
            for (var i = 0; i < appendsEach; i++)
            {
                var append = Append(stream, ExpectedVersion.Any, new Deposited(run));
                if ((i + w) % 3 == 0)
                {
                    // Takes its xid before appending, so xid order and sequence order come apart.
                    await using var connection = await _db.AppDataSource.OpenConnectionAsync();
                    await using var transaction = await connection.BeginTransactionAsync();
                    await using (var early = new NpgsqlCommand("SELECT pg_current_xact_id()", connection, transaction))
                    {
                        await early.ExecuteScalarAsync();
                    }

                    await Task.Yield();
                    await _store.AppendAsync([append], connection, transaction);
                    await transaction.CommitAsync();
                }
                else
                {
                    await _store.AppendAsync(append);
                }

                committed[append.Events[0].Id] = true;
            }
        })));

        var seen = new List<RecordedEvent>();
        var position = start;
        var streamSet = streams.ToHashSet();
        await Eventually.HoldsAsync(async () =>
        {
            var page = await _reader.ReadPageAsync(position, 1000);
            foreach (var e in page)
            {
                e.Position.Should().BeGreaterThan(position);
                position = e.Position;
                if (streamSet.Contains(e.StreamId))
                {
                    seen.Add(e);
                }
            }

            return writing.IsCompleted && seen.Count >= writers * appendsEach;
        }, "the reader has seen every committed event", TimeSpan.FromMinutes(3));
        await writing;

        seen.Should().HaveCount(writers * appendsEach);
        // Sets, not BeEquivalentTo: its pairwise matching is quadratic over twenty thousand ids.
        var seenIds = seen.Select(e => e.Id).ToHashSet();
        seenIds.Should().HaveCount(seen.Count, "no event is delivered twice");
        seenIds.SetEquals(committed.Keys).Should().BeTrue("exactly the committed events are delivered");
        seen.Select(e => e.Position).Should().BeInAscendingOrder();
        foreach (var stream in seen.GroupBy(e => e.StreamId))
        {
            stream.Select(e => e.Version).Should().Equal(Enumerable.Range(1, appendsEach).Select(v => (long)v));
        }

        seen.Zip(seen.Skip(1)).Count(pair => pair.Second.Seq < pair.First.Seq)
            .Should().BePositive("some late transactions committed smaller sequence numbers after larger ones, which a seq cursor would skip");
    }

    [Fact]
    public async Task A_transaction_held_open_stops_the_reader_at_its_place_until_it_commits()
    {
        var start = await _reader.ReadHeadAsync();
        var held = Guid.NewGuid();
        var later = Guid.NewGuid();
        await using var connection = await _db.AppDataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await _store.AppendAsync([Append(held, ExpectedVersion.Any, new Noted("held"))], connection, transaction);

        await _store.AppendAsync(Append(later, ExpectedVersion.Any, new Noted("later")));
        var whileHeld = await _reader.ReadPageAsync(start, 100);

        whileHeld.Should().NotContain(e => e.StreamId == held || e.StreamId == later, "the later event sits behind the open transaction");
        await transaction.CommitAsync();
        List<RecordedEvent> after = [];
        await Eventually.HoldsAsync(async () =>
        {
            after = [.. (await _reader.ReadPageAsync(start, 1000)).Where(e => e.StreamId == held || e.StreamId == later)];
            return after.Count == 2;
        }, "both events are readable once the transaction commits");
        after.Select(e => e.StreamId).Should().Equal(held, later);
        after[0].Seq.Should().BeLessThan(after[1].Seq);
    }

    [Fact]
    public async Task An_older_transaction_appending_after_a_younger_one_is_retried_and_versions_stay_in_global_order()
    {
        var gated = Guid.NewGuid();
        var contested = Guid.NewGuid();

        var older = await AppendOlderAfterYoungerAsync(gated, contested, ExpectedVersion.Any);

        (await older).Should().Equal(1, 2);
        var log = new List<RecordedEvent>();
        await Eventually.HoldsAsync(async () =>
        {
            log = [.. (await _reader.ReadPageAsync(GlobalPosition.Start, 100_000)).Where(e => e.StreamId == contested || e.StreamId == gated)];
            return log.Count == 3;
        }, "all three events are readable");
        var contestedInLog = log.Where(e => e.StreamId == contested).ToList();
        contestedInLog.Select(e => ((Noted)e.Data).Text).Should().Equal("younger", "older");
        contestedInLog.Select(e => e.Version).Should().Equal(1, 2);
        log.Single(e => e.StreamId == gated).Position.Should().BeGreaterThan(contestedInLog[0].Position, "the retry ran in a new, younger transaction");
    }

    [Fact]
    public async Task An_older_transaction_expecting_an_exact_version_that_a_younger_one_overtook_gets_a_version_conflict_not_a_retry()
    {
        var gated = Guid.NewGuid();
        var contested = Guid.NewGuid();
        await _store.AppendAsync(Append(contested, ExpectedVersion.Any, new Noted("first")));

        var older = await AppendOlderAfterYoungerAsync(gated, contested, ExpectedVersion.Exactly(1));

        var act = () => older;
        var refused = (await act.Should().ThrowAsync<WrongExpectedVersionException>()).Which;
        refused.StreamId.Should().Be(contested);
        refused.Actual.Should().Be(2);
        (await _store.ReadStreamAsync(gated).CountAsync()).Should().Be(0, "the whole unit of work was refused");
        (await _store.ReadStreamAsync(contested).Select(e => ((Noted)e.Data).Text).ToListAsync()).Should().Equal("first", "younger");
    }

    /// <summary>
    /// Starts an append of <paramref name="gated"/> and <paramref name="contested"/> whose transaction takes its xid
    /// on the gated stream and waits at a gate; appends to the contested stream from a younger transaction; opens
    /// the gate. Returns the older append, still running or done.
    /// </summary>
    private async Task<Task<long[]>> AppendOlderAfterYoungerAsync(Guid gated, Guid contested, ExpectedVersion olderExpects)
    {
        const long gate = 4242;
        await _db.ExecuteAsync(
            $"""
            CREATE FUNCTION gempix.test_gate() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.id = '{gated}' THEN PERFORM pg_advisory_lock_shared({gate}); PERFORM pg_advisory_unlock_shared({gate}); END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER test_gate AFTER INSERT ON gempix.streams FOR EACH ROW EXECUTE FUNCTION gempix.test_gate();
            """);
        try
        {
            await using var gateHolder = await _db.DataSource.OpenConnectionAsync();
            await using (var close = new NpgsqlCommand($"SELECT pg_advisory_lock({gate})", gateHolder))
            {
                await close.ExecuteNonQueryAsync();
            }

            var older = _store.AppendAsync([Append(gated, ExpectedVersion.Any, new Noted("older")), Append(contested, olderExpects, new Noted("older"))]);
            await Eventually.HoldsAsync(
                async () => await _db.ScalarAsync<long>($"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = {gate} AND NOT granted") == 1,
                "the older transaction waits at the gate");

            await _store.AppendAsync(Append(contested, ExpectedVersion.Any, new Noted("younger")));
            await using (var open = new NpgsqlCommand($"SELECT pg_advisory_unlock({gate})", gateHolder))
            {
                await open.ExecuteNonQueryAsync();
            }

            // Settled, refused or not, before the trigger goes: a retry would pass the gate again.
            await Task.WhenAny(older);
            return older;
        }
        finally
        {
            await _db.ExecuteAsync("DROP TRIGGER test_gate ON gempix.streams; DROP FUNCTION gempix.test_gate()");
        }
    }

    [Fact]
    public async Task The_head_is_the_last_readable_position()
    {
        var stream = Guid.NewGuid();
        await _store.AppendAsync(Append(stream, ExpectedVersion.Any, new Deposited(1)));
        var last = await _store.ReadStreamAsync(stream).SingleAsync();

        // Transactions of tests in other classes hold the cluster-wide horizon back for a moment.
        await Eventually.HoldsAsync(async () => await _reader.ReadHeadAsync() >= last.Position, "the head reaches the last event");
        var head = await _reader.ReadHeadAsync();

        head.Should().Be(await _reader.ReadLatestCommittedAsync());
        (await _reader.ReadPageAsync(head, 10)).Should().BeEmpty();
    }
}
