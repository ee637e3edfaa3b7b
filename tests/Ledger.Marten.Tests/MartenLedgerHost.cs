using GemPix.EventStore.Ledger;
using GemPix.EventStore.Tests.Ledger;
using GemPix.Testing;
using JasperFx;
using JasperFx.Events.Daemon;
using Marten;
using Weasel.Core;

namespace GemPix.Ledger.Marten.Tests;

/// <summary>
/// A Marten store on a database of its own (schema <c>gempix_marten</c>) configured with <c>UseGemPixLedger</c>, its
/// schema applied, and the daemon that runs the ledger's subscription started on demand.
/// </summary>
public sealed class MartenLedgerHost : IAsyncLifetime
{
    public const string Schema = "gempix_marten";

    private readonly TestTreeHeadKeys _keys = new();
    private readonly Action<StoreOptions>? _configure;
    private readonly List<IProjectionDaemon> _daemons = [];

    public MartenLedgerHost()
    {
    }

    /// <param name="configure">Marten settings on top of the defaults, applied before the ledger.</param>
    internal MartenLedgerHost(Action<StoreOptions> configure) => _configure = configure;

    public EmptyTestDatabase Database { get; } = new();

    public FakeClock Clock { get; } = FakeClock.At(2026, 12, 4, 9, 0);

    public LedgerTables Tables { get; } = new(Schema);

    public DocumentStore Store { get; private set; } = null!;

    public MartenLedgerSealer Sealer { get; private set; } = null!;

    public MartenLedgerVerifier Verifier => new(Database.DataSource, Tables, _keys);

    internal ITreeHeadSigner Signer => _keys;

    internal LedgerStore LedgerStore => new(Database.DataSource, Tables);

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Sealer = NewSealer();
        Store = NewStore(Sealer);
        await Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    }

    /// <summary>A store on the same database whose daemon runs <paramref name="sealer"/>: another process, or this one restarted.</summary>
    public DocumentStore NewStore(MartenLedgerSealer sealer) => DocumentStore.For(options =>
    {
        options.Connection(Database.ConnectionString);
        options.DatabaseSchemaName = Schema;
        options.AutoCreateSchemaObjects = AutoCreate.All;
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
        // Every metadata column on, so that the leaf covers them.
        options.Events.MetadataConfig.EnableAll();
        options.Events.MetadataConfig.UserNameEnabled = true;
        options.Events.AddEventType<Stamped>();
        _configure?.Invoke(options);
        options.UseGemPixLedger(sealer);
    });

    public async Task DisposeAsync()
    {
        foreach (var daemon in _daemons)
        {
            await daemon.StopAllAsync();
            daemon.Dispose();
        }

        Store.Dispose();
        _keys.Dispose();
        await Database.DisposeAsync();
    }

    /// <summary>A second sealer on the same tables, as another process (or this one after a restart) would have.</summary>
    public MartenLedgerSealer NewSealer() =>
        new(Database.DataSource, Tables, _keys, Clock, new MartenLedgerOptions { HeadInterval = TimeSpan.FromMilliseconds(200) });

    /// <summary>Starts Marten's async daemon, which runs the ledger's subscription; stopped on disposal.</summary>
    public async Task<IProjectionDaemon> StartDaemonAsync(DocumentStore? store = null)
    {
        var daemon = await (store ?? Store).BuildProjectionDaemonAsync();
        _daemons.Add(daemon);
        await daemon.StartAllAsync();
        return daemon;
    }

    /// <summary>Stops a daemon that <see cref="StartDaemonAsync"/> started.</summary>
    public async Task StopDaemonAsync(IProjectionDaemon daemon)
    {
        await daemon.StopAllAsync();
        _daemons.Remove(daemon);
        daemon.Dispose();
    }

    /// <summary>Appends <paramref name="count"/> events, each to a new stream in a unit of work of its own.</summary>
    public async Task AppendAsync(int count, int writer = 0)
    {
        for (var i = 0; i < count; i++)
        {
            await using var session = Store.LightweightSession();
            session.Events.StartStream(Guid.NewGuid(), new Stamped(writer, i, "note " + i));
            await session.SaveChangesAsync();
        }
    }

    /// <summary>Waits until every row of <c>mt_events</c> is sealed.</summary>
    public Task WaitUntilSealedAsync(TimeSpan? limit = null) => Eventually.HoldsAsync(
        async () => (await Sealer.ReadCheckpointAsync()).TreeSize == await ScalarAsync<long>($"SELECT count(*) FROM mt_events WHERE {MartenEventSelection.LeafRows}"),
        "every row of mt_events sealed",
        limit);

    /// <summary>Every seq_id of <c>mt_events</c> that is a leaf (all but Marten's tombstones), in order.</summary>
    public Task<List<long>> EventSeqIdsAsync() => ColumnAsync($"SELECT seq_id FROM mt_events WHERE {MartenEventSelection.LeafRows} ORDER BY seq_id");

    /// <summary>The seq_ids of Marten's tombstones, in order.</summary>
    public Task<List<long>> TombstoneSeqIdsAsync() => ColumnAsync($"SELECT seq_id FROM mt_events WHERE NOT {MartenEventSelection.LeafRows} ORDER BY seq_id");

    /// <summary>The seq_id of every leaf, in leaf order.</summary>
    public Task<List<long>> LeafSeqIdsAsync() => ColumnAsync("SELECT seq_id FROM gempix_ledger_leaves ORDER BY leaf_index");

    /// <summary>Runs SQL as the schema's owner, a superuser here, behind Marten's back; table names are qualified for it.</summary>
    public Task ExecuteAsync(string sql) => Database.ExecuteAsync(Qualify(sql));

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = Database.DataSource.CreateCommand(Qualify(sql));
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<long>> ColumnAsync(string sql)
    {
        await using var command = Database.DataSource.CreateCommand(Qualify(sql));
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<long>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetInt64(0));
        }

        return values;
    }

    private static string Qualify(string sql) => sql
        .Replace("mt_events", Schema + ".mt_events", StringComparison.Ordinal)
        .Replace("mt_event_progression", Schema + ".mt_event_progression", StringComparison.Ordinal)
        .Replace("gempix_ledger_", Schema + ".gempix_ledger_", StringComparison.Ordinal);
}
