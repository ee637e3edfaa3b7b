using GemPix.EventStore;
using GemPix.Projections.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace GemPix.Benchmarks;

/// <summary>
/// <c>bench append</c>: 8 writers appending ~500-byte events through the store, one and ten per append,
/// against plain Npgsql INSERTs of the same rows into a table of the same shape, in the same run. Rounds
/// alternate the two so that a noisy neighbour hurts both alike; the median round is reported.
/// </summary>
public sealed class AppendBenchmark(TextWriter output)
{
    public const double Target = 0.7;

    public async Task<double> RunAsync(string server, BenchOptions options, CancellationToken cancellationToken)
    {
        await using var database = await BenchDatabase.CreateAsync(server, cancellationToken);
        await database.ExecuteAsync(
            """
            CREATE SCHEMA bench_raw;
            GRANT USAGE ON SCHEMA bench_raw TO gempix_app;
            CREATE TABLE bench_raw.events (LIKE gempix.events INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING CONSTRAINTS INCLUDING INDEXES);
            -- The baseline stays a plain table: no ledger column, no trigger (LIKE copies neither the trigger nor its work).
            ALTER TABLE bench_raw.events DROP COLUMN leaf_input;
            GRANT SELECT, INSERT ON bench_raw.events TO gempix_app;
            """, cancellationToken);
        var store = BenchPayload.Store(database);
        var serializer = store.Serializer;
        var metadata = new EventMetadata(null, null, "system", null);
        var metadataJson = serializer.SerializeMetadata(metadata);
        var duration = TimeSpan.FromSeconds(options.Seconds);

        output.WriteLine($"append: {options.Writers} writers, ~500-byte events, {options.Rounds} rounds of {options.Seconds} s per mode and side (median round)");
        var ratios = new List<double>();
        foreach (var perAppend in new[] { 1, 10 })
        {
            var raw = new List<double>();
            var ours = new List<double>();
            for (var round = 0; round < options.Rounds; round++)
            {
                raw.Add(await Measurement.RatePerSecondAsync(options.Writers, duration, RawWriter(database, serializer, metadataJson, perAppend, options.Writers), cancellationToken));
                ours.Add(await Measurement.RatePerSecondAsync(options.Writers, duration, StoreWriter(store, metadata, perAppend, options.Writers), cancellationToken));
            }

            var ratio = Measurement.Median(ours) / Measurement.Median(raw);
            ratios.Add(ratio);
            output.WriteLine(
                $"  {perAppend,2} per append: raw {Measurement.Format(Measurement.Median(raw)),8} events/s   store {Measurement.Format(Measurement.Median(ours)),8} events/s   ratio {Measurement.Ratio(ratio)}");
        }

        var overhead = await EncryptionOverheadAsync(database, options, metadata, duration, cancellationToken);
        var worst = ratios.Min();
        output.WriteLine(
            $"append: single={Measurement.Ratio(ratios[0])} batch={Measurement.Ratio(ratios[1])} encryption-overhead={overhead:P1} target>={Measurement.Ratio(Target)} ratio={Measurement.Ratio(worst)}");
        return worst;
    }

    /// <summary>
    /// The same store with and without field encryption, one event per append, each writer a subject of its
    /// own, events with two personal fields: how much encryption costs. Target: at most 15%. Each round
    /// measures both sides back to back, in alternating order, and yields its own overhead; the median round
    /// is reported, so that neither a trend over the run (the table grows) nor the order favours a side.
    /// </summary>
    private async Task<double> EncryptionOverheadAsync(
        BenchDatabase database, BenchOptions options, EventMetadata metadata, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var services = BenchServices.Create(database);
        var encrypted = services.Get<PostgresEventStore>();
        var plain = services.Provider.GetRequiredKeyedService<PostgresEventStore>(ProtectionServiceCollectionExtensions.PlainStore);
        var withoutWriter = StoreWriter(plain, metadata, 1, options.Writers, BenchPersonalPayload.Create);
        var withWriter = StoreWriter(encrypted, metadata, 1, options.Writers, BenchPersonalPayload.Create);
        var rounds = new List<(double Off, double On)>();
        for (var round = 0; round < options.Rounds * 2; round++)
        {
            double off, on;
            if (round % 2 == 0)
            {
                off = await Measurement.RatePerSecondAsync(options.Writers, duration, withoutWriter, cancellationToken);
                on = await Measurement.RatePerSecondAsync(options.Writers, duration, withWriter, cancellationToken);
            }
            else
            {
                on = await Measurement.RatePerSecondAsync(options.Writers, duration, withWriter, cancellationToken);
                off = await Measurement.RatePerSecondAsync(options.Writers, duration, withoutWriter, cancellationToken);
            }

            rounds.Add((off, on));
        }

        var overhead = Measurement.Median([.. rounds.Select(r => 1 - (r.On / r.Off))]);
        output.WriteLine(
            $"  two personal fields per event: without encryption {Measurement.Format(Measurement.Median([.. rounds.Select(r => r.Off)])),8} events/s   " +
            $"with {Measurement.Format(Measurement.Median([.. rounds.Select(r => r.On)])),8} events/s   overhead {overhead:P1} (median of {rounds.Count} paired rounds; target <= 15%)");
        return overhead;
    }

    private static Func<int, CancellationToken, Task<int>> StoreWriter(
        PostgresEventStore store, EventMetadata metadata, int perAppend, int writers, Func<long, object>? payload = null)
    {
        var streams = Enumerable.Range(0, writers).Select(_ => Guid.NewGuid()).ToArray();
        var versions = new long[writers];
        var seed = 0L;
        var create = payload ?? (s => BenchPayload.Create(s));
        return async (w, cancellationToken) =>
        {
            var events = new PendingEvent[perAppend];
            for (var i = 0; i < perAppend; i++)
            {
                events[i] = new PendingEvent(Guid.CreateVersion7(), create(Interlocked.Increment(ref seed)), metadata);
            }

            // The stream is its writer's subject: personal fields need one.
            versions[w] = await store.AppendAsync(new StreamAppend(streams[w], "bench", streams[w], ExpectedVersion.Exactly(versions[w]), events), cancellationToken);
            return perAppend;
        };
    }

    private static Func<int, CancellationToken, Task<int>> RawWriter(
        BenchDatabase database, GemPix.EventStore.Serialization.EventSerializer serializer, string metadataJson, int perAppend, int writers)
    {
        var streams = Enumerable.Range(0, writers).Select(_ => Guid.NewGuid()).ToArray();
        var versions = new long[writers];
        var seed = 0L;
        return async (w, cancellationToken) =>
        {
            await using var connection = await database.App.OpenConnectionAsync(cancellationToken);
            await using var batch = new NpgsqlBatch(connection);
            var now = NodaTime.SystemClock.Instance.GetCurrentInstant().ToDateTimeUtc();
            for (var i = 0; i < perAppend; i++)
            {
                var (type, json) = serializer.Serialize(BenchPayload.Create(Interlocked.Increment(ref seed)));
                batch.BatchCommands.Add(new NpgsqlBatchCommand(
                    "INSERT INTO bench_raw.events (id, stream_id, version, type, schema_version, data, metadata, subject_id, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                {
                    Parameters =
                    {
                        new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() },
                        new NpgsqlParameter<Guid> { TypedValue = streams[w] },
                        new NpgsqlParameter<long> { TypedValue = ++versions[w] },
                        new NpgsqlParameter<string> { TypedValue = type.Name },
                        new NpgsqlParameter<int> { TypedValue = type.SchemaVersion },
                        new NpgsqlParameter<string> { TypedValue = json, NpgsqlDbType = NpgsqlDbType.Jsonb },
                        new NpgsqlParameter<string> { TypedValue = metadataJson, NpgsqlDbType = NpgsqlDbType.Jsonb },
                        new NpgsqlParameter<Guid> { TypedValue = streams[w] },
                        new NpgsqlParameter<DateTime> { TypedValue = now },
                    },
                });
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
            return perAppend;
        };
    }
}
