using GemPix.EventStore.Ledger;
using Npgsql;
using NpgsqlTypes;

namespace GemPix.Ledger.Marten;

/// <summary>
/// The stored nodes of the ledger beside Marten: level 0 from the leaves table, the levels above from the nodes table,
/// in one statement, so that a root or a proof is one round trip.
/// </summary>
internal sealed class MartenMerkleNodeReader(NpgsqlDataSource dataSource, LedgerTables tables) : IMerkleNodeReader
{
    private readonly string _sql =
        $"""
        SELECT 0::smallint, leaf_index, leaf_hash FROM {tables.Leaves} WHERE leaf_index = ANY($1)
        UNION ALL
        SELECT n.level, n.node_index, n.hash
          FROM unnest($2::smallint[], $3::bigint[]) AS w(level, node_index)
          JOIN {tables.Nodes} n ON n.level = w.level AND n.node_index = w.node_index
        """;

    public async ValueTask<IReadOnlyDictionary<NodeId, byte[]>> ReadAsync(IReadOnlyCollection<NodeId> ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var leaves = new List<long>();
        var levels = new List<short>();
        var indexes = new List<long>();
        foreach (var id in ids)
        {
            if (id.Level == 0)
            {
                leaves.Add(id.Index);
            }
            else
            {
                levels.Add((short)id.Level);
                indexes.Add(id.Index);
            }
        }

        await using var command = dataSource.CreateCommand(_sql);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. leaves] });
        command.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = [.. levels], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. indexes] });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var found = new Dictionary<NodeId, byte[]>(ids.Count);
        while (await reader.ReadAsync(ct))
        {
            found[new NodeId(reader.GetInt16(0), reader.GetInt64(1))] = reader.GetFieldValue<byte[]>(2);
        }

        return found;
    }
}
