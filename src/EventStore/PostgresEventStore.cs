using GemPix.EventStore.Projections;
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

    public EventSerializer Serializer => serializer;

    /// <summary>Appends one stream's events.</summary>
    /// <returns>The stream's version after the append.</returns>
    /// <exception cref="WrongExpectedVersionException">The stream was not as expected.</exception>
    public async Task<long> AppendAsync(StreamAppend append, CancellationToken cancellationToken = default) =>
        (await AppendAsync([append], cancellationToken))[0];

    /// <summary>Appends to several streams atomically: all or none.</summary>
    /// <returns>Each stream's version after the append, in the order given.</returns>
    /// <exception cref="WrongExpectedVersionException">A stream was not as expected; nothing was appended.</exception>
    public async Task<long[]> AppendAsync(IReadOnlyList<StreamAppend> appends, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appends);
        if (appends.Count == 0)
        {
            return [];
        }

        var recordedAt = clock.GetCurrentInstant();
        var commands = CreateCommands(appends, recordedAt);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                return await ExecuteAsync(appends, commands, recordedAt, connection, null, cancellationToken);
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
    /// whole unit of work again in a new transaction.
    /// </summary>
    public Task<long[]> AppendAsync(
        IReadOnlyList<StreamAppend> appends, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appends);
        if (appends.Count == 0)
        {
            return Task.FromResult<long[]>([]);
        }

        var recordedAt = clock.GetCurrentInstant();
        return ExecuteAsync(appends, CreateCommands(appends, recordedAt), recordedAt, connection, transaction, cancellationToken);
    }

    private NpgsqlBatchCommand[] CreateCommands(IReadOnlyList<StreamAppend> appends, Instant recordedAt)
    {
        var commands = new NpgsqlBatchCommand[appends.Count];
        for (var i = 0; i < appends.Count; i++)
        {
            commands[i] = CreateAppendCommand(appends[i], recordedAt);
        }

        return commands;
    }

    private async Task<long[]> ExecuteAsync(
        IReadOnlyList<StreamAppend> appends,
        NpgsqlBatchCommand[] commands,
        Instant recordedAt,
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
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
            // Without a transaction of the caller's, the batch is one implicit transaction: all or nothing.
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            for (var i = 0; i < versions.Length; i++)
            {
                await reader.ReadAsync(cancellationToken);
                versions[i] = reader.GetInt64(0);
                await reader.NextResultAsync(cancellationToken);
            }
        }
        catch (PostgresException e) when (e.SqlState == SqlStates.YoungerTransactionAppended)
        {
            throw new TransactionOrderConflictException(StreamOf(appends, e), e);
        }
        catch (PostgresException e) when (e.SqlState == SqlStates.WrongExpectedVersion)
        {
            var append = appends.First(a => a.StreamId == StreamOf(appends, e));
            throw new WrongExpectedVersionException(append.StreamId, append.Expected, long.TryParse(e.Hint, out var actual) ? actual : null);
        }
        catch (PostgresException e) when (e.SqlState == SqlStates.DuplicateEvent)
        {
            throw new DuplicateEventException(StreamOf(appends, e));
        }
        finally
        {
            // A retry reuses the commands: detach them from this batch.
            batch.BatchCommands.Clear();
        }

        return versions;
    }

    private NpgsqlBatchCommand CreateAppendCommand(StreamAppend append, Instant recordedAt)
    {
        ArgumentOutOfRangeException.ThrowIfZero(append.Events.Count, nameof(append.Events));
        var count = append.Events.Count;
        var ids = new Guid[count];
        var types = new string[count];
        var versions = new int[count];
        var data = new string[count];
        var metadata = new string[count];
        for (var i = 0; i < count; i++)
        {
            var e = append.Events[i];
            var (type, json) = serializer.Serialize(e.Data);
            ids[i] = e.Id;
            types[i] = type.Name;
            versions[i] = type.SchemaVersion;
            data[i] = json;
            metadata[i] = serializer.SerializeMetadata(e.Metadata);
        }

        return new NpgsqlBatchCommand("SELECT gempix.append_events($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
        {
            Parameters =
            {
                new NpgsqlParameter<Guid> { TypedValue = append.StreamId },
                new NpgsqlParameter<string> { TypedValue = append.StreamType },
                new NpgsqlParameter { Value = append.SubjectId is { } s ? s : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid },
                new NpgsqlParameter<long> { TypedValue = append.Expected.Value },
                new NpgsqlParameter<Guid[]> { TypedValue = ids },
                new NpgsqlParameter<string[]> { TypedValue = types },
                new NpgsqlParameter<int[]> { TypedValue = versions },
                new NpgsqlParameter<string[]> { TypedValue = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
                new NpgsqlParameter<string[]> { TypedValue = metadata, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
                new NpgsqlParameter<DateTime> { TypedValue = recordedAt.ToDateTimeUtc() },
            },
        };
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
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return EventRows.Read(reader, serializer);
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
