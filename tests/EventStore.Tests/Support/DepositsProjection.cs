using GemPix.EventStore.Projections;
using Npgsql;

namespace GemPix.EventStore.Tests.Support;

/// <summary>
/// Records each deposit once (the event id is the key, so a second application of an event fails loudly).
/// <see cref="DuringApply"/> runs after a page is written and before it commits, so a test can block or fail it.
/// </summary>
public sealed class DepositsProjection(string name) : IAsyncProjection
{
    public string Name { get; } = name;

    public string Table => "gempix." + Name;

    public Func<IReadOnlyList<RecordedEvent>, CancellationToken, Task>? DuringApply { get; set; }

    public static async Task<DepositsProjection> CreateAsync(EventStoreDatabase db, string name)
    {
        var projection = new DepositsProjection(name);
        await db.ExecuteAsync(
            $"CREATE TABLE {projection.Table} (event_id uuid PRIMARY KEY, stream_id uuid NOT NULL, amount int NOT NULL); GRANT SELECT, INSERT, DELETE ON {projection.Table} TO gempix_app");
        return projection;
    }

    public async Task ApplyAsync(IReadOnlyList<RecordedEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var e in events)
        {
            if (e.Data is Deposited deposited)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand($"INSERT INTO {Table} VALUES ($1, $2, $3)")
                {
                    Parameters = { new() { Value = e.Id }, new() { Value = e.StreamId }, new() { Value = deposited.Amount } },
                });
            }
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        if (DuringApply is { } hook)
        {
            await hook(events, cancellationToken);
        }
    }

    public async Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"DELETE FROM {Table}", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<(long Count, long Sum)> TotalsAsync(EventStoreDatabase db)
    {
        await using var command = db.DataSource.CreateCommand($"SELECT count(*), coalesce(sum(amount), 0) FROM {Table}");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
