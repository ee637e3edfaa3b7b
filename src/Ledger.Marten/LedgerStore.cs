using System.Diagnostics;
using GemPix.EventStore.Ledger;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace GemPix.Ledger.Marten;

/// <summary>Reads and writes the ledger's own tables: the checkpoint, a seal, the signed heads.</summary>
internal sealed class LedgerStore(NpgsqlDataSource dataSource, LedgerTables tables)
{
    private readonly string _headsSql = $"SELECT tree_size, root_hash, issued_at, jws FROM {tables.Heads}";

    /// <summary>Every head's row, in the column order <see cref="LedgerReader.ReadHead"/> reads.</summary>
    public string HeadsSql => _headsSql;

    /// <summary>Roots and proofs at any sealed size, each one read of O(log n) stored nodes.</summary>
    public MerkleTree Tree { get; } = new(new PostgresMerkleNodeReader(dataSource, tables.Leaves, tables.Nodes));

    public async Task<LedgerCheckpoint> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT tree_size, seq_id FROM {tables.State} WHERE id = 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        // No row yet: nothing was ever sealed.
        return await reader.ReadAsync(cancellationToken) ? new LedgerCheckpoint(reader.GetInt64(0), reader.GetInt64(1)) : LedgerCheckpoint.Empty;
    }

    /// <summary>
    /// In one transaction and one round trip: moves the checkpoint from <paramref name="expected"/> to
    /// <paramref name="next"/> only if it still is <paramref name="expected"/>, and stores the new leaves and nodes.
    /// False, with nothing written, when another seal got there first.
    /// </summary>
    public async Task<bool> TryCommitAsync(
        LedgerCheckpoint expected,
        LedgerCheckpoint next,
        IReadOnlyList<long> seqIds,
        IReadOnlyList<MerkleNode> nodes,
        Func<CancellationToken, Task>? beforeCommit,
        CancellationToken cancellationToken)
    {
        var leafIndexes = new long[seqIds.Count];
        var leafHashes = new byte[seqIds.Count][];
        var levels = new List<short>(nodes.Count);
        var nodeIndexes = new List<long>(nodes.Count);
        var hashes = new List<byte[]>(nodes.Count);
        var leaf = 0;
        foreach (var node in nodes)
        {
            if (node.Id.Level == 0)
            {
                leafIndexes[leaf] = node.Id.Index;
                leafHashes[leaf++] = node.Hash;
            }
            else
            {
                levels.Add((short)node.Id.Level);
                nodeIndexes.Add(node.Id.Index);
                hashes.Add(node.Hash);
            }
        }

        Debug.Assert(leaf == seqIds.Count, "The appender names every new leaf once, in order.");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                // The first seal inserts the row; every later one must find the size it started from. Two first seals
                // meet on the primary key, and the second's WHERE then sees the first's size.
                new NpgsqlBatchCommand(
                    $"""
                    INSERT INTO {tables.State} AS s (id, tree_size, seq_id) VALUES (1, $2, $3)
                    ON CONFLICT (id) DO UPDATE SET tree_size = excluded.tree_size, seq_id = excluded.seq_id, updated_at = now()
                    WHERE s.tree_size = $1
                    """)
                {
                    Parameters =
                    {
                        new NpgsqlParameter<long> { TypedValue = expected.TreeSize },
                        new NpgsqlParameter<long> { TypedValue = next.TreeSize },
                        new NpgsqlParameter<long> { TypedValue = next.SeqId },
                    },
                },
                new NpgsqlBatchCommand($"INSERT INTO {tables.Leaves} (leaf_index, seq_id, leaf_hash) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bytea[])")
                {
                    Parameters =
                    {
                        new NpgsqlParameter<long[]> { TypedValue = leafIndexes },
                        new NpgsqlParameter<long[]> { TypedValue = [.. seqIds] },
                        new NpgsqlParameter<byte[][]> { TypedValue = leafHashes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
                    },
                },
                new NpgsqlBatchCommand($"INSERT INTO {tables.Nodes} (level, node_index, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])")
                {
                    Parameters =
                    {
                        new NpgsqlParameter<short[]> { TypedValue = [.. levels], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint },
                        new NpgsqlParameter<long[]> { TypedValue = [.. nodeIndexes] },
                        new NpgsqlParameter<byte[][]> { TypedValue = [.. hashes], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
                    },
                },
            },
        };

        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Another seal committed these leaves first.
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        if (batch.BatchCommands[0].RecordsAffected != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        if (beforeCommit is not null)
        {
            await beforeCommit(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The latest signed tree head; null before the first.</summary>
    public async Task<SignedTreeHead?> ReadLatestHeadAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{_headsSql} ORDER BY tree_size DESC LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? LedgerReader.ReadHead(reader) : null;
    }

    /// <summary>Stores a head; false when one of that size is stored already.</summary>
    public async Task<bool> TryInsertHeadAsync(SignedTreeHead head, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"INSERT INTO {tables.Heads} (tree_size, root_hash, issued_at, jws) VALUES ($1, $2, $3, $4) ON CONFLICT (tree_size) DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = head.TreeSize });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = head.RootHash });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = head.IssuedAt.ToDateTimeUtc() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = head.Jws });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
