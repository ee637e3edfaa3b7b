using GemPix.EventStore.Ledger;
using GemPix.EventStore.Tests.Support;
using GemPix.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GemPix.EventStore.Tests.Ledger;

/// <summary>A migrated database of the test's own, with a store, a sealer signing with a test key, and the ledger's rows at hand.</summary>
internal sealed class LedgerDatabase : IAsyncDisposable
{
    private LedgerDatabase(EventStoreDatabase db) => Db = db;

    public EventStoreDatabase Db { get; }

    public TestTreeHeadKeys Keys { get; } = new();

    public PostgresEventStore Store => Db.Store();

    public LedgerReader Ledger => new(Db.AppDataSource);

    /// <summary>Quick to react: tests wait on the sealer, never on a timer of its own.</summary>
    public static LedgerOptions FastOptions(int batchSize = 2000) => new()
    {
        BatchSize = batchSize,
        HeadInterval = TimeSpan.FromMilliseconds(200),
        PollInterval = TimeSpan.FromMilliseconds(50),
        OwnershipRetryInterval = TimeSpan.FromMilliseconds(100),
    };

    public static async Task<LedgerDatabase> CreateAsync()
    {
        var db = new EventStoreDatabase();
        await db.InitializeAsync();
        return new LedgerDatabase(db);
    }

    public LedgerSealer Sealer(LedgerOptions? options = null) =>
        new(Db.AppDataSource, Db.Reader(), Keys, Db.Clock, options ?? FastOptions(), NullLoggerFactory.Instance);

    public LedgerVerifier Verifier() => new(Db.AppDataSource, Keys);

    /// <summary>
    /// Seals every event committed so far and signs a head for them. Waits while the cluster-wide horizon is held back
    /// (by a transaction another test keeps open, in any database): sealing goes only as far as the gap-safe reader.
    /// </summary>
    public async Task<SignedTreeHead?> SealAllAsync(LedgerSealer sealer)
    {
        var target = await Db.ScalarAsync<long>("SELECT count(*) FROM gempix.events");
        await Eventually.HoldsAsync(
            async () =>
            {
                while ((await sealer.SealNextAsync()).Outcome != SealOutcome.Idle)
                {
                }

                return (await Ledger.GetStateAsync()).TreeSize >= target;
            },
            $"the sealer reaches {target} leaves");
        return await sealer.IssueHeadAsync() ?? await Ledger.GetLatestHeadAsync();
    }

    /// <summary>Waits until the gap-safe reader sees every committed event, so that the next seal finds them all.</summary>
    public async Task AllVisibleAsync()
    {
        var reader = Db.Reader();
        var latest = await reader.ReadLatestCommittedAsync();
        await Eventually.HoldsAsync(async () => await reader.ReadHeadAsync() >= latest, "the horizon passes the last committed event");
    }

    /// <summary>Appends <paramref name="count"/> deposits over a few streams, <paramref name="perAppend"/> to a transaction.</summary>
    public async Task AppendAsync(int count, int perAppend = 1)
    {
        var streams = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToArray();
        for (var i = 0; i < count; i += perAppend)
        {
            var events = Enumerable.Range(i, Math.Min(perAppend, count - i)).Select(n => (object)new Deposited(n + 1)).ToArray();
            await Store.AppendAsync(EventStoreDatabase.Append(streams[i % streams.Length], ExpectedVersion.Any, events));
        }
    }

    public async Task<List<long>> SeqsInGlobalOrderAsync() => await ListAsync<long>("SELECT seq FROM gempix.events ORDER BY tx_id, seq");

    public async Task<List<(long LeafIndex, long Seq, byte[] Hash)>> LeavesAsync()
    {
        await using var command = Db.DataSource.CreateCommand("SELECT leaf_index, seq, leaf_hash FROM gempix.ledger_leaves ORDER BY leaf_index");
        await using var reader = await command.ExecuteReaderAsync();
        var leaves = new List<(long, long, byte[])>();
        while (await reader.ReadAsync())
        {
            leaves.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<byte[]>(2)));
        }

        return leaves;
    }

    /// <summary>Each event's stored leaf input, by seq.</summary>
    public async Task<Dictionary<long, byte[]>> LeafInputsAsync()
    {
        await using var command = Db.DataSource.CreateCommand("SELECT seq, leaf_input FROM gempix.events");
        await using var reader = await command.ExecuteReaderAsync();
        var inputs = new Dictionary<long, byte[]>();
        while (await reader.ReadAsync())
        {
            inputs[reader.GetInt64(0)] = reader.GetFieldValue<byte[]>(1);
        }

        return inputs;
    }

    public async Task<List<T>> ListAsync<T>(string sql)
    {
        await using var command = Db.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<T>();
        while (await reader.ReadAsync())
        {
            list.Add(reader.GetFieldValue<T>(0));
        }

        return list;
    }

    /// <summary>Runs SQL as someone with superuser access would, past the append-only triggers.</summary>
    public async Task TamperAsync(string sql, params object[] parameters)
    {
        await using var connection = await Db.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var replica = new NpgsqlCommand("SET LOCAL session_replication_role = replica", connection, transaction))
        {
            await replica.ExecuteNonQueryAsync();
        }

        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            foreach (var parameter in parameters)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = parameter });
            }

            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Keys.Dispose();
        await Db.DisposeAsync();
    }
}
