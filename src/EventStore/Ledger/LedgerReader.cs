using NodaTime;
using Npgsql;

namespace GemPix.EventStore.Ledger;

/// <summary>What the ledger holds, for auditors and certificates: its state, its signed heads, its leaves and proofs.</summary>
public sealed class LedgerReader(NpgsqlDataSource dataSource)
{
    private static readonly string Prefixed = string.Join(", ", LedgerEventColumns.SelectList.Split(", ").Select(c => "e." + c));

    /// <summary>Every head's row, in the column order <see cref="ReadHead"/> reads.</summary>
    internal const string HeadsSql = "SELECT tree_size, root_hash, issued_at, jws FROM gempix.ledger_heads";

    /// <summary>Roots and proofs at any sealed size, each one read of O(log n) stored nodes.</summary>
    public MerkleTree Tree { get; } = new(new PostgresMerkleNodeReader(dataSource));

    public async Task<LedgerState> GetStateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadStateAsync(connection, cancellationToken);
    }

    /// <summary>The latest signed tree head; null before the first.</summary>
    public async Task<SignedTreeHead?> GetLatestHeadAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"{HeadsSql} ORDER BY tree_size DESC LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadHead(reader) : null;
    }

    /// <summary>The leaf index of the event <paramref name="seq"/>; null when it is not sealed (or does not exist).</summary>
    public async Task<long?> FindLeafIndexAsync(long seq, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT leaf_index FROM gempix.ledger_leaves WHERE seq = $1");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seq });
        return await command.ExecuteScalarAsync(cancellationToken) is long index ? index : null;
    }

    /// <summary>Up to <paramref name="limit"/> sealed events from leaf <paramref name="fromLeaf"/> on, in leaf order, as stored.</summary>
    public async Task<IReadOnlyList<SealedEvent>> ReadSealedEventsAsync(long fromLeaf, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromLeaf);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT l.leaf_index, {Prefixed}, e.leaf_input
              FROM gempix.ledger_leaves l
              JOIN gempix.events e ON e.seq = l.seq
             WHERE l.leaf_index >= $1
             ORDER BY l.leaf_index
             LIMIT $2
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fromLeaf });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<SealedEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new SealedEvent(reader.GetInt64(0), LedgerEventColumns.Read(reader, 1), reader.GetFieldValue<byte[]>(1 + LedgerEventColumns.Count)));
        }

        return events;
    }

    internal static async Task<LedgerState> ReadStateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT tree_size, tx_id, seq FROM gempix.ledger_state", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new LedgerState(reader.GetInt64(0), new GlobalPosition(reader.GetFieldValue<ulong>(1), reader.GetInt64(2)))
            : throw new InvalidOperationException("gempix.ledger_state has no row: the schema is not migrated.");
    }

    /// <summary>A head's row: tree size, root hash, issued at, JWS, in that order.</summary>
    public static SignedTreeHead ReadHead(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetFieldValue<byte[]>(1),
        Instant.FromDateTimeUtc(reader.GetDateTime(2)),
        reader.GetString(3));
}
