using GemPix.Projections.Hosting;
using GemPix.Protection.Keys;
using GemPix.Protection.Shredding;
using GemPix.Testing;
using JasperFx;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Npgsql;
using Weasel.Core;

namespace GemPix.Protection.Marten.Tests;

/// <summary>
/// GemPix's vault and shredder as the hosts compose them, and beside them a Marten store on the same database (schema
/// <c>gempix_marten</c>) configured with <c>UseGemPixProtection</c>, as the product will be once it moves to Marten.
/// </summary>
public sealed class MartenProtectionHost(Action<MartenProtectionHost, StoreOptions>? configure = null) : IAsyncLifetime
{
    public const string Schema = "gempix_marten";

    public TestDatabase Database { get; } = new();

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "gempix-marten-" + Guid.NewGuid().ToString("N"));

    public FakeClock Clock { get; } = FakeClock.At(2026, 12, 4, 9, 0);

    public ServiceProvider Services { get; private set; } = null!;

    public DocumentStore Store { get; private set; } = null!;

    public SubjectShredder Shredder => Services.GetRequiredService<SubjectShredder>();

    public KeyVault Vault => Services.GetRequiredService<KeyVault>();

    public ProtectionOptions ProtectionOptions => Services.GetRequiredService<ProtectionOptions>();

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        (Services, Store) = StartProcess();
    }

    /// <summary>
    /// Another process on the same database: its own vault with its own key cache (nothing evicts it when a key is
    /// destroyed elsewhere, as a process that missed the notification would be) and its own Marten store.
    /// </summary>
    public (ServiceProvider Services, DocumentStore Store) StartProcess()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GEMPIX_DB"] = Database.ConnectionString,
            ["GEMPIX_DATA"] = DataDirectory,
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddGemPixCore();
        services.AddSingleton<IClock>(Clock);
        var provider = services.BuildServiceProvider();
        var vault = provider.GetRequiredService<KeyVault>();
        var store = DocumentStore.For(options =>
        {
            options.Connection(Database.ConnectionString);
            options.DatabaseSchemaName = Schema;
            options.AutoCreateSchemaObjects = AutoCreate.All;
            options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase, json => json.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb));
            options.UseGemPixProtection(vault, Clock, provider.GetRequiredService<ProtectionOptions>());
            options.Projections.Snapshot<ProfileView>(SnapshotLifecycle.Inline);
            configure?.Invoke(this, options);
        });
        return (provider, store);
    }

    public async Task DisposeAsync()
    {
        Store.Dispose();
        await Services.DisposeAsync();
        await Database.DisposeAsync();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    /// <summary>Starts a stream with <paramref name="events"/> in one unit of work; its id.</summary>
    public async Task<Guid> StartStreamAsync(params object[] events)
    {
        var streamId = Guid.NewGuid();
        await using var session = Store.LightweightSession();
        session.Events.StartStream(streamId, events);
        await session.SaveChangesAsync();
        return streamId;
    }

    /// <summary>The stream's events' data as PostgreSQL holds it, in order.</summary>
    public async Task<List<string>> RawEventDataAsync(Guid streamId)
    {
        await using var command = Database.DataSource.CreateCommand($"SELECT data::text FROM {Schema}.mt_events WHERE stream_id = $1 ORDER BY version");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = streamId });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    /// <summary>A document's data as PostgreSQL holds it.</summary>
    public async Task<string> RawDocumentDataAsync(string table, Guid id)
    {
        await using var command = Database.DataSource.CreateCommand($"SELECT data::text FROM {Schema}.{table} WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Rewrites stored event data as the schema's owner would, behind Marten's back.</summary>
    public Task TamperAsync(string sql) => Database.ExecuteAsync(sql.Replace("mt_events", Schema + ".mt_events", StringComparison.Ordinal));
}
