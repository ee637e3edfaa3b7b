using GemPix.EventStore.Serialization;
using Npgsql;

namespace GemPix.EventStore.Projections;

/// <summary>
/// Rebuilds an inline read model from the events in one transaction: its tables are locked (appends that would write
/// them wait; readers see the old rows until the commit), emptied, and every committed event is projected again in
/// the global order. The events are read in the rebuild's own transaction, not below the gap-safe horizon: once the
/// lock is held, every append that writes these tables has either committed (and is read) or waits (and projects
/// itself after the commit), so nothing is lost or applied twice.
/// </summary>
public sealed class InlineProjectionRebuild(NpgsqlDataSource dataSource, EventSerializer serializer)
{
    private const string PageSql =
        $"SELECT {EventRows.Columns} FROM gempix.events WHERE (tx_id, seq) > ($1::xid8, $2) ORDER BY tx_id, seq LIMIT $3";

    private const int PageSize = 1_000;

    public async Task RebuildAsync(IRebuildableInlineProjection projection, IProgress<RebuildProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(projection);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var reset = new NpgsqlBatch(connection, transaction))
        {
            foreach (var table in projection.Tables)
            {
                reset.BatchCommands.Add(new NpgsqlBatchCommand($"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE"));
                reset.BatchCommands.Add(new NpgsqlBatchCommand($"DELETE FROM {table}"));
            }

            await reset.ExecuteNonQueryAsync(cancellationToken);
        }

        long total;
        await using (var count = new NpgsqlCommand("SELECT count(*) FROM gempix.events", connection, transaction))
        {
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        var done = 0L;
        var position = GlobalPosition.Start;
        while (true)
        {
            List<RecordedEvent> page;
            await using (var read = new NpgsqlCommand(PageSql, connection, transaction))
            {
                read.Parameters.Add(new NpgsqlParameter<ulong> { TypedValue = position.TxId, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Xid8 });
                read.Parameters.Add(new NpgsqlParameter<long> { TypedValue = position.Seq });
                read.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PageSize });
                await using var rows = await read.ExecuteReaderAsync(cancellationToken);
                page = await EventRows.ReadAllAsync(rows, serializer, cancellationToken);
            }

            if (page.Count == 0)
            {
                break;
            }

            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var e in page)
            {
                projection.Project(new InlineEvent(e.Id, e.StreamId, e.SubjectId, e.Data, e.Metadata, e.RecordedAt), batch);
            }

            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }

            position = page[^1].Position;
            done += page.Count;
            progress?.Report(new RebuildProgress(done, Math.Max(done, total)));
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
