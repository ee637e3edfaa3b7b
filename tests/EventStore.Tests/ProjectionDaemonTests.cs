using GemPix.EventStore.Projections;
using GemPix.EventStore.Serialization;
using GemPix.Domain.Serialization;
using GemPix.EventStore.Tests.Support;
using GemPix.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using static GemPix.EventStore.Tests.Support.EventStoreDatabase;

namespace GemPix.EventStore.Tests;

public sealed class ProjectionDaemonTests : IClassFixture<EventStoreDatabase>
{
    private static readonly ProjectionDaemonOptions Fast = new()
    {
        BatchSize = 100,
        PollInterval = TimeSpan.FromMilliseconds(200),
        OwnershipRetryInterval = TimeSpan.FromMilliseconds(100),
        RetryDelays = [TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20)],
    };

    // An amount no other test deposits.
    private const int Poison = 1_000_013;

    private readonly EventStoreDatabase _db;
    private readonly PostgresEventStore _store;
    private readonly ProjectionCheckpointStore _checkpoints;

    public ProjectionDaemonTests(EventStoreDatabase db)
    {
        _db = db;
        _store = db.Store();
        _checkpoints = new ProjectionCheckpointStore(db.AppDataSource);
    }

    [Fact]
    public async Task The_daemon_catches_up_and_then_follows_new_events()
    {
        var projection = await DepositsProjection.CreateAsync(_db, Unique("follow"));
        await AppendDepositsAsync(streams: 10, each: 50);
        await using var daemon = Start("follow", EventSerializerFor(_db), projection);

        await WaitCaughtUpAsync(projection.Name);
        (await projection.TotalsAsync(_db)).Should().Be(await ExpectedTotalsAsync());

        await AppendDepositsAsync(streams: 3, each: 7);
        await WaitCaughtUpAsync(projection.Name);
        (await projection.TotalsAsync(_db)).Should().Be(await ExpectedTotalsAsync());
    }

    [Fact]
    public async Task A_daemon_killed_in_the_middle_of_a_page_neither_doubles_nor_loses_an_effect()
    {
        var projection = await DepositsProjection.CreateAsync(_db, Unique("killed"));
        await AppendDepositsAsync(streams: 20, each: 30);
        var pages = 0;
        var stuck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        projection.DuringApply = async (_, cancellationToken) =>
        {
            if (Interlocked.Increment(ref pages) == 3)
            {
                stuck.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        };
        var first = Start("killed-a", EventSerializerFor(_db), projection);
        await stuck.Task.WaitAsync(TimeSpan.FromMinutes(1));
        var (writtenBeforeKill, _) = await projection.TotalsAsync(_db);

        await first.KillAsync();
        projection.DuringApply = null;
        await using var second = Start("killed-b", EventSerializerFor(_db), projection);
        await WaitCaughtUpAsync(projection.Name);

        writtenBeforeKill.Should().Be(2 * Fast.BatchSize, "two pages committed before the kill, the third was in flight");
        (await projection.TotalsAsync(_db)).Should().Be(await ExpectedTotalsAsync());
        (await _checkpoints.GetAsync(projection.Name))!.State.Should().Be(ProjectionState.Running);
    }

    [Fact]
    public async Task Two_daemons_share_the_work_with_one_owner_per_projection_and_a_survivor_takes_over()
    {
        var one = await DepositsProjection.CreateAsync(_db, Unique("shared_one"));
        var two = await DepositsProjection.CreateAsync(_db, Unique("shared_two"));
        var a = Start("owner-a", EventSerializerFor(_db), one, two);
        await using var b = Start("owner-b", EventSerializerFor(_db), one, two);
        await Eventually.HoldsAsync(async () => (await OwnersAsync(one.Name)).Count == 1 && (await OwnersAsync(two.Name)).Count == 1, "both projections are owned");
        var owners = new[] { (await OwnersAsync(one.Name)).Single(), (await OwnersAsync(two.Name)).Single() };
        owners.Should().OnlyContain(o => o == a.ApplicationName || o == b.ApplicationName);

        await a.KillAsync();
        await Eventually.HoldsAsync(
            async () => (await OwnersAsync(one.Name)).SequenceEqual([b.ApplicationName]) && (await OwnersAsync(two.Name)).SequenceEqual([b.ApplicationName]),
            "the surviving daemon owns both projections");
        await AppendDepositsAsync(streams: 4, each: 25);

        await WaitCaughtUpAsync(one.Name);
        await WaitCaughtUpAsync(two.Name);
        (await one.TotalsAsync(_db)).Should().Be(await ExpectedTotalsAsync());
        (await two.TotalsAsync(_db)).Should().Be(await ExpectedTotalsAsync());
    }

    [Fact]
    public async Task An_event_that_keeps_failing_parks_the_projection_with_its_sequence_number_and_error()
    {
        var projection = await DepositsProjection.CreateAsync(_db, Unique("failing"));
        await AppendDepositsAsync(streams: 1, each: 5);
        var poisoned = Guid.NewGuid();
        await _store.AppendAsync(Append(poisoned, ExpectedVersion.NoStream, new Deposited(Poison)));
        await AppendDepositsAsync(streams: 1, each: 5);
        var poisonedSeq = (await _store.ReadStreamAsync(poisoned).SingleAsync()).Seq;
        projection.DuringApply = (events, _) => events.Any(e => e.Data is Deposited { Amount: Poison })
            ? throw new InvalidOperationException("thirteen is unlucky")
            : Task.CompletedTask;
        await using var daemon = Start("failing", EventSerializerFor(_db), projection);

        await Eventually.HoldsAsync(async () => (await _checkpoints.GetAsync(projection.Name))?.State == ProjectionState.Parked, "the projection is parked");

        var checkpoint = (await _checkpoints.GetAsync(projection.Name))!;
        checkpoint.FailedSeq.Should().Be(poisonedSeq);
        checkpoint.Error.Should().Contain("thirteen is unlucky");
        checkpoint.Attempts.Should().Be(Fast.RetryDelays.Count + 1);
        var applied = await AppliedSeqsAsync(projection);
        applied.Should().NotBeEmpty().And.OnlyContain(seq => seq < poisonedSeq, "nothing after the failing event is applied");

        projection.DuringApply = null;
        (await _checkpoints.ResumeAsync(projection.Name)).Should().BeTrue();
        await WaitCaughtUpAsync(projection.Name);
        (await projection.TotalsAsync(_db)).Should().Be(await ExpectedTotalsAsync());
    }

    [Fact]
    public async Task An_event_of_a_type_this_process_does_not_know_parks_the_projection_instead_of_being_skipped()
    {
        var projection = await DepositsProjection.CreateAsync(_db, Unique("unknown"));
        var stream = Guid.NewGuid();
        await _store.AppendAsync(Append(stream, ExpectedVersion.NoStream, new Deposited(1), new Noted("from a newer version"), new Deposited(2)));
        var unknownSeq = (await _store.ReadStreamAsync(stream).ToListAsync())[1].Seq;
        var withoutNoted = new EventSerializer(new EventTypeRegistry().Register<Deposited>("test.deposited").Register<Withdrawn>("test.withdrawn"), GemPixJson.Options);

        await using var daemon = Start("unknown", withoutNoted, projection);

        await Eventually.HoldsAsync(async () => (await _checkpoints.GetAsync(projection.Name))?.State == ProjectionState.Parked, "the projection is parked");
        var checkpoint = (await _checkpoints.GetAsync(projection.Name))!;
        checkpoint.FailedSeq.Should().BeLessThanOrEqualTo(unknownSeq);
        checkpoint.Error.Should().Contain("test.noted");
    }

    [Fact]
    public async Task A_rebuild_gives_exactly_the_state_of_the_incremental_run()
    {
        var projection = await DepositsProjection.CreateAsync(_db, Unique("rebuilt"));
        await AppendDepositsAsync(streams: 10, each: 40);
        await using (Start("incremental", EventSerializerFor(_db), projection))
        {
            await WaitCaughtUpAsync(projection.Name);
        }

        var incremental = await RowsAsync(projection);
        var daemon = new ProjectionDaemon(_db.AppDataSource, _db.Reader(), _checkpoints, [projection], Fast, NullLoggerFactory.Instance);
        var reports = new List<RebuildProgress>();

        var checkpoint = await daemon.RebuildAsync(projection.Name, new SynchronousProgress(reports.Add), CancellationToken.None);

        (await RowsAsync(projection)).Should().Equal(incremental);
        checkpoint.State.Should().Be(ProjectionState.Running);
        reports.Should().NotBeEmpty();
        reports[^1].Done.Should().Be(reports[^1].Total);
    }

    private static string Unique(string name) => $"{name}_{Guid.NewGuid():N}"[..24];

    private static EventSerializer EventSerializerFor(EventStoreDatabase db) => db.Serializer;

    private RunningDaemon Start(string applicationName, EventSerializer serializer, params IAsyncProjection[] projections)
    {
        var name = $"{applicationName}-{Guid.NewGuid():N}"[..30];
        var dataSource = ApplicationDataSource.Create(new NpgsqlConnectionStringBuilder(_db.ConnectionString) { ApplicationName = name }.ConnectionString);
        var daemon = new ProjectionDaemon(dataSource, new GapSafeEventReader(dataSource, serializer), new ProjectionCheckpointStore(dataSource), projections, Fast, NullLoggerFactory.Instance);
        return new RunningDaemon(name, dataSource, daemon, _db);
    }

    private async Task AppendDepositsAsync(int streams, int each)
    {
        for (var s = 0; s < streams; s++)
        {
            await _store.AppendAsync(Append(Guid.NewGuid(), ExpectedVersion.NoStream, [.. Enumerable.Range(1, each).Select(i => (object)new Deposited(i))]));
        }
    }

    private Task<(long, long)> ExpectedTotalsAsync() => ScalarPairAsync(
        "SELECT count(*), coalesce(sum((data->>'amount')::int), 0) FROM gempix.events WHERE type = 'test.deposited'");

    private async Task<(long, long)> ScalarPairAsync(string sql)
    {
        await using var command = _db.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task WaitCaughtUpAsync(string projection)
    {
        // Not the readable head: a transaction held open by a test of another class would make that stale.
        var latest = await _db.Reader().ReadLatestCommittedAsync();
        await Eventually.HoldsAsync(async () => (await _checkpoints.GetAsync(projection))?.Position >= latest, $"{projection} reaches {latest}");
    }

    private async Task<List<string>> OwnersAsync(string projection)
    {
        var key = SessionLockOwnership.LockKey(SessionLockOwnership.ProjectionResource(projection));
        await using var command = _db.DataSource.CreateCommand(
            """
            SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
             WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objid = $2 AND l.objsubid = 1
            """);
        command.Parameters.AddWithValue((long)(uint)(key >> 32));
        command.Parameters.AddWithValue((long)(uint)key);
        await using var reader = await command.ExecuteReaderAsync();
        var owners = new List<string>();
        while (await reader.ReadAsync())
        {
            owners.Add(reader.GetString(0));
        }

        return owners;
    }

    private async Task<List<long>> AppliedSeqsAsync(DepositsProjection projection)
    {
        await using var command = _db.DataSource.CreateCommand($"SELECT e.seq FROM {projection.Table} p JOIN gempix.events e ON e.id = p.event_id ORDER BY 1");
        await using var reader = await command.ExecuteReaderAsync();
        var seqs = new List<long>();
        while (await reader.ReadAsync())
        {
            seqs.Add(reader.GetInt64(0));
        }

        return seqs;
    }

    private async Task<List<(Guid, Guid, int)>> RowsAsync(DepositsProjection projection)
    {
        await using var command = _db.DataSource.CreateCommand($"SELECT event_id, stream_id, amount FROM {projection.Table} ORDER BY event_id");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(Guid, Guid, int)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetInt32(2)));
        }

        return rows;
    }

    private sealed class SynchronousProgress(Action<RebuildProgress> report) : IProgress<RebuildProgress>
    {
        public void Report(RebuildProgress value) => report(value);
    }

    /// <summary>A daemon on a data source of its own, named so that its sessions can be found and killed like a dead process's.</summary>
    private sealed class RunningDaemon : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly NpgsqlDataSource _dataSource;
        private readonly EventStoreDatabase _db;
        private readonly Task _run;

        public RunningDaemon(string applicationName, NpgsqlDataSource dataSource, ProjectionDaemon daemon, EventStoreDatabase db)
        {
            ApplicationName = applicationName;
            _dataSource = dataSource;
            _db = db;
            _run = Task.Run(() => daemon.RunAsync(_stop.Token));
        }

        public string ApplicationName { get; }

        /// <summary>Ends the daemon's sessions from outside, as PostgreSQL does when a process dies, and stops it.</summary>
        public async Task KillAsync()
        {
            await _db.ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{ApplicationName}'");
            await DisposeAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await _run;
            }
            catch (OperationCanceledException)
            {
            }

            await _dataSource.DisposeAsync();
            _stop.Dispose();
        }
    }
}
