using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace GemPix.EventStore.Projections;

/// <summary>The projections' checkpoints in <c>gempix.projection_checkpoints</c>.</summary>
public sealed class ProjectionCheckpointStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "name, tx_id, seq, status, failed_seq, error, attempts, updated_at";

    public async Task EnsureAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("INSERT INTO gempix.projection_checkpoints (name) VALUES ($1) ON CONFLICT DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ProjectionCheckpoint>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM gempix.projection_checkpoints ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<ProjectionCheckpoint>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    public async Task<ProjectionCheckpoint?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM gempix.projection_checkpoints WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Locks the checkpoint's row for the transaction and reads it: the owner's guard against a second writer.</summary>
    internal static async Task<ProjectionCheckpoint?> LockAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM gempix.projection_checkpoints WHERE name = $1 FOR UPDATE", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    internal static async Task MoveAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string name, GlobalPosition position, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE gempix.projection_checkpoints SET tx_id = $2, seq = $3, attempts = 0, updated_at = now() WHERE name = $1",
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<ulong> { TypedValue = position.TxId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = position.Seq });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Puts the checkpoint back to the start and running, in the caller's transaction (a rebuild's reset).</summary>
    internal static async Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO gempix.projection_checkpoints (name) VALUES ($1)
            ON CONFLICT (name) DO UPDATE SET tx_id = '0', seq = 0, status = 'running', failed_seq = NULL, error = NULL,
                                             attempts = 0, updated_at = now()
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records a failed attempt at <paramref name="failedSeq"/>; parks the projection when <paramref name="park"/>.</summary>
    internal async Task RecordFailureAsync(string name, long failedSeq, string error, bool park, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE gempix.projection_checkpoints
               SET attempts = attempts + 1, failed_seq = $2, error = $3, updated_at = now(),
                   status = CASE WHEN $4 THEN 'parked' ELSE status END
             WHERE name = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = failedSeq });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = error });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = park });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Sets a parked projection running again; it retries the event it stopped at.</summary>
    public async Task<bool> ResumeAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE gempix.projection_checkpoints SET status = 'running', attempts = 0, updated_at = now() WHERE name = $1 AND status = 'parked'");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        var resumed = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        await using var notify = dataSource.CreateCommand("SELECT pg_notify('gempix_events', '')");
        await notify.ExecuteNonQueryAsync(cancellationToken);
        return resumed;
    }

    private static ProjectionCheckpoint Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        new GlobalPosition(reader.GetFieldValue<ulong>(1), reader.GetInt64(2)),
        reader.GetString(3) == "parked" ? ProjectionState.Parked : ProjectionState.Running,
        reader.IsDBNull(4) ? null : reader.GetInt64(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.GetInt32(6),
        Instant.FromDateTimeUtc(reader.GetDateTime(7)));
}
