using GemPix.EventStore;
using GemPix.EventStore.Schema;
using Npgsql;
using Xunit;

namespace GemPix.Testing;

/// <summary>
/// A database of its own for one test class, on the throwaway server that <c>./gempix test</c> starts
/// (its admin connection string arrives in <c>GEMPIX_TEST_DB</c>). Migrated on creation, dropped afterwards.
/// </summary>
public class TestDatabase : IAsyncLifetime
{
    private NpgsqlDataSource? _dataSource;
    private NpgsqlDataSource? _appDataSource;

    public TestDatabase()
    {
        Name = "t_" + Guid.NewGuid().ToString("N");
        ConnectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = Name }.ConnectionString;
    }

    /// <summary>The server's admin connection string (database <c>postgres</c>).</summary>
    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("GEMPIX_TEST_DB")
        ?? throw new InvalidOperationException("GEMPIX_TEST_DB is not set: run the tests with ./gempix test, which starts a throwaway PostgreSQL.");

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>Connections as the schema's owner (the role that migrates).</summary>
    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("The database is not created yet.");

    /// <summary>Connections as the application role, as the hosts make them.</summary>
    public NpgsqlDataSource AppDataSource => _appDataSource ??= ApplicationDataSource.Create(ConnectionString);

    /// <summary>Whether the database gets the schema on creation; a test of migrations starts empty.</summary>
    protected virtual bool Migrate => true;

    public async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        _dataSource = NpgsqlDataSource.Create(ConnectionString);
        if (Migrate)
        {
            await new MigrationRunner(_dataSource).MigrateAsync();
        }
    }

    /// <summary>Runs SQL as the schema's owner.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Drops the database at once, closing every connection to it.</summary>
    public async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        if (_appDataSource is not null)
        {
            await _appDataSource.DisposeAsync();
        }

        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        await DropAsync();
    }
}
