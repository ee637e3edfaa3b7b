using GemPix.EventStore.Tests.Support;
using NodaTime;
using Npgsql;
using static GemPix.EventStore.Tests.Support.EventStoreDatabase;

namespace GemPix.EventStore.Tests;

public sealed class AppendTests : IClassFixture<EventStoreDatabase>
{
    private readonly EventStoreDatabase _db;
    private readonly PostgresEventStore _store;

    public AppendTests(EventStoreDatabase db)
    {
        _db = db;
        _store = db.Store();
    }

    [Fact]
    public async Task Appended_events_read_back_in_version_order_with_their_metadata_and_time()
    {
        var stream = Guid.NewGuid();
        var subject = Guid.NewGuid();
        var metadata = new EventMetadata(Guid.NewGuid(), Guid.NewGuid(), "subject", subject.ToString());
        var first = new PendingEvent(Guid.CreateVersion7(), new Deposited(10), metadata);
        var second = new PendingEvent(Guid.CreateVersion7(), new Noted("hello"), metadata);

        var version = await _store.AppendAsync(new StreamAppend(stream, "account", subject, ExpectedVersion.NoStream, [first, second]));

        version.Should().Be(2);
        var events = await _store.ReadStreamAsync(stream).ToListAsync();
        events.Select(e => (e.Id, e.Version, e.Type, e.Data)).Should().Equal(
            (first.Id, 1L, "test.deposited", (object)new Deposited(10)),
            (second.Id, 2L, "test.noted", (object)new Noted("hello")));
        events.Should().AllSatisfy(e =>
        {
            e.Metadata.Should().Be(metadata);
            e.SubjectId.Should().Be(subject);
            e.StreamId.Should().Be(stream);
            e.RecordedAt.Should().Be(_db.Clock.Now);
        });
        events[0].Position.Should().BeLessThan(events[1].Position);
    }

    [Fact]
    public async Task Reading_from_a_version_skips_the_earlier_events()
    {
        var stream = Guid.NewGuid();
        await _store.AppendAsync(Append(stream, ExpectedVersion.NoStream, new Deposited(1), new Deposited(2), new Deposited(3)));

        var events = await _store.ReadStreamAsync(stream, fromVersion: 2).ToListAsync();

        events.Select(e => e.Data).Should().Equal(new Deposited(2), new Deposited(3));
    }

    [Fact]
    public async Task A_stream_folds_into_state_with_its_version()
    {
        var stream = Guid.NewGuid();
        await _store.AppendAsync(Append(stream, ExpectedVersion.NoStream, new Deposited(10), new Withdrawn(3), new Deposited(5)));

        var (balance, version) = await _store.AggregateStreamAsync(stream, 0, (state, e) => e switch
        {
            Deposited d => state + d.Amount,
            Withdrawn w => state - w.Amount,
            _ => state,
        });

        balance.Should().Be(12);
        version.Should().Be(3);
    }

    [Fact]
    public async Task Exact_expected_version_appends_only_at_that_version()
    {
        var stream = Guid.NewGuid();
        await _store.AppendAsync(Append(stream, ExpectedVersion.Exactly(0), new Deposited(1)));
        await _store.AppendAsync(Append(stream, ExpectedVersion.Exactly(1), new Deposited(2)));

        var stale = () => _store.AppendAsync(Append(stream, ExpectedVersion.Exactly(1), new Deposited(3)));

        var error = (await stale.Should().ThrowAsync<WrongExpectedVersionException>()).Which;
        error.StreamId.Should().Be(stream);
        error.Actual.Should().Be(2);
        (await _store.ReadStreamAsync(stream).CountAsync()).Should().Be(2);
    }

    [Fact]
    public async Task No_stream_is_refused_once_the_stream_exists()
    {
        var stream = Guid.NewGuid();
        await _store.AppendAsync(Append(stream, ExpectedVersion.NoStream, new Deposited(1)));

        var again = () => _store.AppendAsync(Append(stream, ExpectedVersion.NoStream, new Deposited(2)));

        (await again.Should().ThrowAsync<WrongExpectedVersionException>()).Which.Actual.Should().Be(1);
    }

    [Fact]
    public async Task An_exact_version_on_a_missing_stream_is_refused()
    {
        var act = () => _store.AppendAsync(Append(Guid.NewGuid(), ExpectedVersion.Exactly(3), new Deposited(1)));

        (await act.Should().ThrowAsync<WrongExpectedVersionException>()).Which.Actual.Should().Be(-1);
    }

    [Fact]
    public async Task Any_appends_whatever_the_version()
    {
        var stream = Guid.NewGuid();
        await _store.AppendAsync(Append(stream, ExpectedVersion.Any, new Deposited(1)));

        var version = await _store.AppendAsync(Append(stream, ExpectedVersion.Any, new Deposited(2)));

        version.Should().Be(2);
    }

    [Fact]
    public async Task Re_sending_the_same_events_is_a_no_op()
    {
        var stream = Guid.NewGuid();
        var append = Append(stream, ExpectedVersion.NoStream, new Deposited(1), new Deposited(2));
        await _store.AppendAsync(append);
        await _store.AppendAsync(Append(stream, ExpectedVersion.Exactly(2), new Deposited(3)));

        var version = await _store.AppendAsync(append);

        version.Should().Be(3);
        (await _store.ReadStreamAsync(stream).CountAsync()).Should().Be(3);
    }

    [Fact]
    public async Task An_event_id_stored_in_another_stream_is_refused()
    {
        var e = PendingEvent.Create(new Deposited(1));
        await _store.AppendAsync(new StreamAppend(Guid.NewGuid(), "account", null, ExpectedVersion.Any, [e]));

        var act = () => _store.AppendAsync(new StreamAppend(Guid.NewGuid(), "account", null, ExpectedVersion.Any, [e, PendingEvent.Create(new Deposited(2))]));

        await act.Should().ThrowAsync<DuplicateEventException>();
    }

    [Fact]
    public async Task Several_streams_append_atomically()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        await _store.AppendAsync(Append(b, ExpectedVersion.NoStream, new Deposited(1)));

        var act = () => _store.AppendAsync([Append(a, ExpectedVersion.NoStream, new Deposited(1)), Append(b, ExpectedVersion.Exactly(5), new Deposited(2))]);

        (await act.Should().ThrowAsync<WrongExpectedVersionException>()).Which.StreamId.Should().Be(b);
        (await _store.ReadStreamAsync(a).CountAsync()).Should().Be(0);
        var versions = await _store.AppendAsync([Append(a, ExpectedVersion.NoStream, new Deposited(1)), Append(b, ExpectedVersion.Exactly(1), new Deposited(2))]);
        versions.Should().Equal(1, 2);
    }

    [Fact]
    public async Task An_unregistered_event_type_is_refused_before_anything_is_sent()
    {
        var act = () => _store.AppendAsync(Append(Guid.NewGuid(), ExpectedVersion.Any, new { Surprise = true }));

        await act.Should().ThrowAsync<Serialization.UnknownEventTypeException>();
    }

    [Fact]
    public async Task Events_record_the_clock_s_time()
    {
        var stream = Guid.NewGuid();
        _db.Clock.Advance(Duration.FromHours(1));
        var now = _db.Clock.Now;

        await _store.AppendAsync(Append(stream, ExpectedVersion.Any, new Deposited(1)));

        (await _store.ReadStreamAsync(stream).SingleAsync()).RecordedAt.Should().Be(now);
    }

    [Fact]
    public async Task Sixteen_writers_on_one_stream_with_exact_versions_lose_nothing_and_duplicate_nothing()
    {
        var stream = Guid.NewGuid();
        const int writers = 16;
        const int attemptsEach = 500;
        var stored = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        var conflicts = 0;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < attemptsEach; i++)
            {
                var version = await CurrentVersionAsync(stream);
                var e = PendingEvent.Create(new Deposited(1));
                try
                {
                    await _store.AppendAsync(new StreamAppend(stream, "account", null, ExpectedVersion.Exactly(version), [e]));
                    stored.Add(e.Id);
                }
                catch (WrongExpectedVersionException)
                {
                    Interlocked.Increment(ref conflicts);
                }
            }
        })));

        var events = await _store.ReadStreamAsync(stream).ToListAsync();
        (stored.Count + conflicts).Should().Be(writers * attemptsEach);
        conflicts.Should().BePositive("writers raced for the same versions");
        events.Select(e => e.Version).Should().Equal(Enumerable.Range(1, stored.Count).Select(v => (long)v));
        events.Select(e => e.Id).ToHashSet().SetEquals(stored).Should().BeTrue("every successful append is stored, and nothing else");
    }

    [Fact]
    public async Task The_application_role_can_neither_update_nor_delete_events()
    {
        var stream = Guid.NewGuid();
        await _store.AppendAsync(Append(stream, ExpectedVersion.Any, new Noted("kept")));

        foreach (var sql in new[]
                 {
                     $"UPDATE gempix.events SET data = '{{}}' WHERE stream_id = '{stream}'",
                     $"DELETE FROM gempix.events WHERE stream_id = '{stream}'",
                     "TRUNCATE gempix.events",
                 })
        {
            await using var command = _db.AppDataSource.CreateCommand(sql);
            var act = () => command.ExecuteNonQueryAsync();
            (await act.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege);
        }

        (await _store.ReadStreamAsync(stream).SingleAsync()).Data.Should().Be(new Noted("kept"));
    }

    [Fact]
    public async Task A_role_granted_update_is_still_refused_by_the_trigger()
    {
        var stream = Guid.NewGuid();
        await _store.AppendAsync(Append(stream, ExpectedVersion.Any, new Noted("kept")));
        var role = "t_editor_" + _db.Name[2..12];
        await _db.ExecuteAsync($"CREATE ROLE {role} NOLOGIN; GRANT USAGE ON SCHEMA gempix TO {role}; GRANT SELECT, UPDATE, DELETE ON gempix.events TO {role}");

        try
        {
            await using var connection = await _db.DataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var command = new NpgsqlCommand($"SET LOCAL ROLE {role}; UPDATE gempix.events SET data = '{{}}' WHERE stream_id = '{stream}'", connection, transaction);
            var act = () => command.ExecuteNonQueryAsync();
            (await act.Should().ThrowAsync<PostgresException>()).Which.MessageText.Should().Contain("append-only");
        }
        finally
        {
            await _db.ExecuteAsync($"REVOKE ALL ON gempix.events FROM {role}; REVOKE ALL ON SCHEMA gempix FROM {role}; DROP ROLE {role}");
        }
    }

    [Fact]
    public async Task The_schema_owner_may_still_correct_an_event_under_its_own_name()
    {
        var stream = Guid.NewGuid();
        await _store.AppendAsync(Append(stream, ExpectedVersion.Any, new Noted("typo")));
        await using var connection = await _db.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        await using var command = new NpgsqlCommand($"UPDATE gempix.events SET data = '{{\"text\":\"fixed\"}}' WHERE stream_id = '{stream}'", connection, transaction);

        (await command.ExecuteNonQueryAsync()).Should().Be(1);
        await transaction.RollbackAsync();
    }

    private async Task<long> CurrentVersionAsync(Guid stream)
    {
        await using var command = _db.AppDataSource.CreateCommand("SELECT version FROM gempix.streams WHERE id = $1");
        command.Parameters.AddWithValue(stream);
        return await command.ExecuteScalarAsync() is long version ? version : 0;
    }
}
