using Npgsql;
using NpgsqlTypes;

namespace GemPix.EventStore.Ledger;

/// <summary>
/// The stored nodes in PostgreSQL: level 0 from the leaves table (<c>gempix.ledger_leaves</c>), the levels above from
/// the nodes table (<c>gempix.ledger_nodes</c>), in one statement, so that a root or a proof is one round trip. The
/// ledger beside Marten keeps tables of the same shape under names of its own.
/// </summary>
/// <param name="leavesTable">Schema-qualified; a name of the code's, never of a caller's.</param>
/// <param name="nodesTable">Schema-qualified; a name of the code's, never of a caller's.</param>
public sealed class PostgresMerkleNodeReader(NpgsqlDataSource dataSource, string leavesTable = "gempix.ledger_leaves", string nodesTable = "gempix.ledger_nodes")
    : IMerkleNodeReader
{
    private readonly string _sql =
        $"""
        SELECT 0::smallint, leaf_index, leaf_hash FROM {leavesTable} WHERE leaf_index = ANY($1)
        UNION ALL
        SELECT n.level, n.node_index, n.hash
          FROM unnest($2::smallint[], $3::bigint[]) AS w(level, node_index)
          JOIN {nodesTable} n ON n.level = w.level AND n.node_index = w.node_index
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
