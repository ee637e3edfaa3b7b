using GemPix.EventStore;
using GemPix.EventStore.Schema;
using Npgsql;

namespace GemPix.Benchmarks;

/// <summary>A migrated database of its own on the server GEMPIX_DB names, dropped when the benchmark ends.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _serverConnectionString;

    private BenchDatabase(string serverConnectionString, string name)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name, MaxPoolSize = 200 }.ConnectionString;
        Owner = ApplicationDataSource.CreateOwner(ConnectionString);
        App = ApplicationDataSource.Create(ConnectionString);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource Owner { get; }

    public NpgsqlDataSource App { get; }

    public static async Task<BenchDatabase> CreateAsync(string serverConnectionString, CancellationToken cancellationToken)
    {
        var name = $"gempix_bench_{Guid.NewGuid():N}"[..28];
        await using (var admin = new NpgsqlConnection(serverConnectionString))
        {
            await admin.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var database = new BenchDatabase(serverConnectionString, name);
        await new MigrationRunner(database.Owner).MigrateAsync(cancellationToken);
        return database;
    }

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Owner.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Owner.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_serverConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
