using Npgsql;

namespace GemPix.EventStore.Schema;

/// <summary>
/// Applies the pending migrations in one transaction under a transaction-scoped advisory lock, so any number
/// of processes may migrate the same database at once: one applies, the others wait and then find nothing to do.
/// </summary>
public sealed class MigrationRunner(NpgsqlDataSource dataSource, IReadOnlyList<Migration> migrations)
{
    // An arbitrary constant, shared by every GemPix process; it only has to differ from other advisory locks.
    private const long MigrationLockKey = 0x47_65_6D_50_69_78_01;

    public MigrationRunner(NpgsqlDataSource dataSource)
        : this(dataSource, EmbeddedMigrations.List)
    {
    }

    private int ExpectedVersion => migrations.Count == 0 ? 0 : migrations[^1].Version;

    /// <summary>Applies what is missing and returns the migrations this call applied.</summary>
    /// <exception cref="SchemaDriftException">An applied migration's text changed, or the database is newer than the code.</exception>
    public async Task<IReadOnlyList<Migration>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using (var prepare = new NpgsqlCommand(
            """
            SELECT pg_advisory_xact_lock(@key);
            CREATE SCHEMA IF NOT EXISTS gempix;
            CREATE TABLE IF NOT EXISTS gempix.schema_migrations (
                version    integer     PRIMARY KEY,
                name       text        NOT NULL,
                checksum   text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            );
            """, connection, transaction))
        {
            prepare.Parameters.AddWithValue("key", MigrationLockKey);
            await prepare.ExecuteNonQueryAsync(cancellationToken);
        }

        var applied = await ReadAppliedAsync(connection, transaction, cancellationToken);
        var pending = new List<Migration>();
        foreach (var migration in migrations)
        {
            if (applied.Remove(migration.Version, out var checksum))
            {
                if (checksum != migration.Checksum)
                {
                    throw new SchemaDriftException(
                        $"Migration {migration.Version} ({migration.Name}) was changed after it was applied.");
                }
            }
            else
            {
                pending.Add(migration);
            }
        }

        if (applied.Count > 0)
        {
            throw new SchemaDriftException(
                $"The database has migration {applied.Keys.Max()}, which this version of GemPix does not know.");
        }

        foreach (var migration in pending)
        {
            await using var apply = new NpgsqlCommand(migration.Sql, connection, transaction);
            await apply.ExecuteNonQueryAsync(cancellationToken);

            await using var record = new NpgsqlCommand(
                "INSERT INTO gempix.schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum)",
                connection, transaction);
            record.Parameters.AddWithValue("version", migration.Version);
            record.Parameters.AddWithValue("name", migration.Name);
            record.Parameters.AddWithValue("checksum", migration.Checksum);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return pending;
    }

    /// <summary>Reads the applied version; a database never migrated is at version 0.</summary>
    public async Task<SchemaStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('gempix.schema_migrations') IS NOT NULL", connection);
        var applied = 0;
        if ((bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
        {
            await using var version = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM gempix.schema_migrations", connection);
            applied = (int)(await version.ExecuteScalarAsync(cancellationToken))!;
        }

        return new SchemaStatus(applied, ExpectedVersion);
    }

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, string>();
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM gempix.schema_migrations", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(reader.GetInt32(0), reader.GetString(1));
        }

        return applied;
    }
}
