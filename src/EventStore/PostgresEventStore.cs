using GemPix.EventStore.Projections;
using GemPix.EventStore.Protection;
using GemPix.EventStore.Serialization;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace GemPix.EventStore;

/// <summary>
/// Appends and reads events in PostgreSQL. A unit of work (one or more streams) is one batch, sent in one
/// round trip and run in one implicit transaction together with the inline projections' statements.
/// </summary>
public sealed class PostgresEventStore(
    NpgsqlDataSource dataSource,
    EventSerializer serializer,
    IClock clock,
    IEnumerable<IInlineProjection> inlineProjections)
{
    // An append that lost the xid race is retried in a fresh transaction; more than a few losses in a row
    // would mean a stream hotter than any we have, so the error then goes to the caller.
    private const int MaxAttempts = 8;

    private readonly IInlineProjection[] _inline = [.. inlineProjections];
    private readonly AppendNotifier _notifier = new(dataSource);

    public EventSerializer Serializer => serializer;

    /// <summary>Appends one stream's events.</summary>
    /// <returns>The stream's version after the append.</returns>
    /// <exception cref="WrongExpectedVersionException">The stream was not as expected.</exception>
    public async Task<long> AppendAsync(StreamAppend append, CancellationToken cancellationToken = default) =>
        (await AppendAsync([append], cancellationToken))[0];

    /// <summary>Appends to several streams atomically: all or none.</summary>
    /// <returns>Each stream's version after the append, in the order given.</returns>
    /// <exception cref="WrongExpectedVersionException">A stream was not as expected; nothing was appended.</exception>
    public Task<long[]> AppendAsync(IReadOnlyList<StreamAppend> appends, CancellationToken cancellationToken = default) =>
        AppendAsync(appends, AppendWrites.None, cancellationToken);

    /// <summary>
    /// Appends to several streams and runs <paramref name="writes"/> with them, atomically and in one round trip:
    /// a unit of work with no transaction of the caller's, so that it costs one commit.
    /// </summary>
    /// <returns>Each stream's version after the append, in the order given.</returns>
    /// <exception cref="WrongExpectedVersionException">A stream was not as expected; nothing was written.</exception>
    public async Task<long[]> AppendAsync(IReadOnlyList<StreamAppend> appends, AppendWrites writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appends);
        ArgumentNullException.ThrowIfNull(writes);
        if (appends.Count == 0)
        {
            return [];
        }

        var recordedAt = clock.GetCurrentInstant();
        var serialized = await SerializeAsync(appends, recordedAt, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                var versions = await ExecuteAsync(appends, serialized, recordedAt, writes, connection, null, cancellationToken);
                _notifier.Committed();
                return versions;
            }
            catch (TransactionOrderConflictException) when (attempt < MaxAttempts)
            {
                // The whole transaction rolled back; the next one gets a new, younger xid.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * attempt)), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Appends inside the caller's transaction, so that other writes (a job, say) commit with the events.
    /// Not retried here: on <see cref="TransactionOrderConflictException"/> the caller rolls back and runs the
    /// whole unit of work again in a new transaction. The wake-up for listeners is a NOTIFY in the transaction,
    /// since only the transaction knows when it commits.
    /// </summary>
    public async Task<long[]> AppendAsync(
        IReadOnlyList<StreamAppend> appends, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appends);
        if (appends.Count == 0)
        {
            return [];
        }

        var recordedAt = clock.GetCurrentInstant();
        var serialized = await SerializeAsync(appends, recordedAt, cancellationToken);
        return await ExecuteAsync(appends, serialized, recordedAt, AppendWrites.None, connection, transaction, cancellationToken);
    }

    private async Task<SerializedAppend[]> SerializeAsync(IReadOnlyList<StreamAppend> appends, Instant recordedAt, CancellationToken cancellationToken)
    {
        var serialized = new SerializedAppend[appends.Count];
        for (var i = 0; i < appends.Count; i++)
        {
            serialized[i] = await SerializedAppend.CreateAsync(appends[i], recordedAt, serializer, cancellationToken);
        }

        return serialized;
    }

    private async Task<long[]> ExecuteAsync(
        IReadOnlyList<StreamAppend> appends,
        SerializedAppend[] serialized,
        Instant recordedAt,
        AppendWrites writes,
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        CancellationToken cancellationToken)
    {
        // Fresh commands for every attempt: a command remembers the connection it was prepared on.
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var write in writes.Before)
        {
            batch.BatchCommands.Add(write());
        }

        foreach (var append in serialized)
        {
            batch.BatchCommands.Add(append.ToCommand());
        }

        foreach (var write in writes.After)
        {
            batch.BatchCommands.Add(write());
        }

        if (transaction is not null)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_notify('gempix_events', '')"));
        }

        foreach (var append in appends)
        {
            foreach (var projection in _inline)
            {
                foreach (var e in append.Events)
                {
                    projection.Project(new InlineEvent(e.Id, append.StreamId, append.SubjectId, e.Data, e.Metadata, recordedAt), batch);
                }
            }
        }

        var versions = new long[appends.Count];
        try
        {
            // Prepared once per physical connection (a no-op afterwards): parsing and planning the call would
            // otherwise cost a third of a single-event append. Preparing in its own round trip, before the
            // execution, keeps a refused append from leaving a half-prepared statement behind.
            await batch.PrepareAsync(cancellationToken);

            // Without a transaction of the caller's, the batch is one implicit transaction: all or nothing.
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            for (var i = 0; i < versions.Length; i++)
            {
                await reader.ReadAsync(cancellationToken);
                versions[i] = reader.GetInt64(0);
                await reader.NextResultAsync(cancellationToken);
            }
        }
        catch (PostgresException e) when (e.SqlState == ErasureFenceException.SqlState)
        {
            throw new ErasureFenceException(e.MessageText, e);
        }
        catch (PostgresException e) when (e.SqlState == SqlStates.YoungerTransactionAppended)
        {
            throw new TransactionOrderConflictException(StreamOf(appends, e), e);
        }
        catch (PostgresException e) when (e.SqlState is SqlStates.WrongExpectedVersion or SqlStates.DuplicateEvent)
        {
            // Either may be an exact re-send of events stored before: that is a no-op, answered with the
            // streams' versions. Looked up only now, so that the common path pays nothing for it.
            if (transaction is null && await StoredVersionsIfResentAsync(appends, connection, cancellationToken) is { } stored)
            {
                return stored;
            }

            var stream = StreamOf(appends, e);
            if (e.SqlState == SqlStates.DuplicateEvent)
            {
                throw new DuplicateEventException(stream);
            }

            var append = appends.First(a => a.StreamId == stream);
            throw new WrongExpectedVersionException(append.StreamId, append.Expected, long.TryParse(e.Hint, out var actual) ? actual : null);
        }

        return versions;
    }

    /// <summary>The streams' versions when every event of every append is stored already, in its place; otherwise null.</summary>
    private static async Task<long[]?> StoredVersionsIfResentAsync(
        IReadOnlyList<StreamAppend> appends, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var ids = appends.SelectMany(a => a.Events.Select(e => e.Id)).ToArray();
        var stored = new Dictionary<Guid, (Guid Stream, long Version)>(ids.Length);
        await using (var command = new NpgsqlCommand("SELECT id, stream_id, version FROM gempix.events WHERE id = ANY($1)", connection))
        {
            command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stored[reader.GetGuid(0)] = (reader.GetGuid(1), reader.GetInt64(2));
            }
        }

        foreach (var append in appends)
        {
            for (var i = 0; i < append.Events.Count; i++)
            {
                if (!stored.TryGetValue(append.Events[i].Id, out var at) || at.Stream != append.StreamId
                    || (i > 0 && at.Version != stored[append.Events[0].Id].Version + i))
                {
                    return null;
                }
            }
        }

        var versions = new long[appends.Count];
        await using var current = new NpgsqlCommand("SELECT version FROM gempix.streams WHERE id = $1", connection);
        var parameter = new NpgsqlParameter<Guid>();
        current.Parameters.Add(parameter);
        for (var i = 0; i < appends.Count; i++)
        {
            parameter.TypedValue = appends[i].StreamId;
            versions[i] = (long)(await current.ExecuteScalarAsync(cancellationToken))!;
        }

        return versions;
    }

    // Every error append_events raises starts "stream <id> ...": the id says which append of the batch failed.
    private static Guid StreamOf(IReadOnlyList<StreamAppend> appends, PostgresException e) =>
        e.MessageText.Length >= 43 && Guid.TryParse(e.MessageText.AsSpan(7, 36), out var id) ? id : appends[0].StreamId;

    /// <summary>Reads a stream from <paramref name="fromVersion"/> on, in version order.</summary>
    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(
        Guid streamId, long fromVersion = 1, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {EventRows.Columns} FROM gempix.events WHERE stream_id = $1 AND version >= $2 ORDER BY version");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = streamId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fromVersion });
        List<RecordedEvent> events;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            events = await EventRows.ReadAllAsync(reader, serializer, cancellationToken);
        }

        foreach (var e in events)
        {
            yield return e;
        }
    }

    /// <summary>Folds a stream into state, live from the events: the decider's <c>Evolve</c> over its history.</summary>
    /// <returns>The state and the stream's version (0 when the stream has no events).</returns>
    public async Task<(TState State, long Version)> AggregateStreamAsync<TState>(
        Guid streamId, TState initial, Func<TState, object, TState> evolve, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evolve);
        var state = initial;
        var version = 0L;
        await foreach (var e in ReadStreamAsync(streamId, 1, cancellationToken))
        {
            state = evolve(state, e.Data);
            version = e.Version;
        }

        return (state, version);
    }
}
