using GemPix.EventStore.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace GemPix.EventStore;

/// <summary>
/// Reads the global log in its one order, <c>(tx_id, seq)</c>, and only below the oldest transaction still
/// running (<c>pg_snapshot_xmin</c>): every row delivered is committed and no row can appear before it later.
/// A transaction held open stops the reader at its place until it ends; no timer ever decides to skip it.
/// </summary>
public sealed class GapSafeEventReader(NpgsqlDataSource dataSource, EventSerializer serializer)
{
    // The order itself, written once. The horizon is an init-plan (evaluated once), and the row comparison walks
    // the events_position index.
    private const string AfterPositionBelowHorizon =
        """
          FROM gempix.events
         WHERE (tx_id, seq) > ($1, $2)
           AND tx_id < (SELECT pg_snapshot_xmin(pg_current_snapshot()))
         ORDER BY tx_id, seq
         LIMIT $3
        """;

    private const string PageSql = $"SELECT {EventRows.Columns}\n{AfterPositionBelowHorizon}";

    private const string LeafPageSql = $"SELECT tx_id, seq, leaf_input\n{AfterPositionBelowHorizon}";

    /// <summary>Reads up to <paramref name="maxCount"/> events after <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadPageAsync(GlobalPosition after, int maxCount, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadPageAsync(connection, null, after, maxCount, cancellationToken);
    }

    /// <summary>Reads a page on a connection (and transaction) the caller holds.</summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadPageAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, GlobalPosition after, int maxCount, CancellationToken cancellationToken = default)
    {
        await using var command = PageCommand(PageSql, connection, transaction, after, maxCount);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await EventRows.ReadAllAsync(reader, serializer, cancellationToken);
    }

    /// <summary>
    /// Reads the positions and leaf inputs (the bytes the ledger hashes) of up to <paramref name="maxCount"/> events
    /// after <paramref name="after"/>, in the same order and below the same horizon as every other consumer.
    /// </summary>
    public async Task<IReadOnlyList<(GlobalPosition Position, byte[] LeafInput)>> ReadLeafInputsAsync(
        NpgsqlConnection connection, GlobalPosition after, int maxCount, CancellationToken cancellationToken = default)
    {
        await using var command = PageCommand(LeafPageSql, connection, null, after, maxCount);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var page = new List<(GlobalPosition, byte[])>(maxCount);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add((new GlobalPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)), reader.GetFieldValue<byte[]>(2)));
        }

        return page;
    }

    private static NpgsqlCommand PageCommand(string sql, NpgsqlConnection connection, NpgsqlTransaction? transaction, GlobalPosition after, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        return new NpgsqlCommand(sql, connection, transaction)
        {
            Parameters =
            {
                new NpgsqlParameter<ulong> { TypedValue = after.TxId, NpgsqlDbType = NpgsqlDbType.Xid8 },
                new NpgsqlParameter<long> { TypedValue = after.Seq },
                new NpgsqlParameter<int> { TypedValue = maxCount },
            },
        };
    }

    /// <summary>
    /// The position of the newest committed event, whether or not an older transaction still holds readers
    /// before it: what a consumer must reach to have seen everything committed so far.
    /// </summary>
    public async Task<GlobalPosition> ReadLatestCommittedAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT tx_id, seq FROM gempix.events ORDER BY tx_id DESC, seq DESC LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new GlobalPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1))
            : GlobalPosition.Start;
    }

    /// <summary>
    /// How many committed events lie after <paramref name="position"/>: how far behind a consumer standing there is.
    /// </summary>
    public async Task<long> CountCommittedAfterAsync(GlobalPosition position, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM gempix.events WHERE (tx_id, seq) > ($1, $2)");
        command.Parameters.Add(new NpgsqlParameter<ulong> { TypedValue = position.TxId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = position.Seq });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The position of the last event a reader could see now.</summary>
    public async Task<GlobalPosition> ReadHeadAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT tx_id, seq FROM gempix.events
             WHERE tx_id < (SELECT pg_snapshot_xmin(pg_current_snapshot()))
             ORDER BY tx_id DESC, seq DESC LIMIT 1
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new GlobalPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1))
            : GlobalPosition.Start;
    }
}
