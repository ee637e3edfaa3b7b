using System.Diagnostics;
using GemPix.EventStore;
using GemPix.EventStore.Ledger;

namespace GemPix.Benchmarks;

/// <summary>
/// <c>bench seal</c>: does sealing keep up with appending? The sealer runs as the worker runs it, starting behind a
/// backlog so that it never waits for events, while 8 writers append ten events per append (the store's fastest mode)
/// for the same time: seal rate and append rate are measured together, competing for the same machine. Target: the
/// seal rate at least the append rate (ratio ≥ 1), so the ledger never falls further behind.
/// </summary>
public sealed class SealBenchmark(TextWriter output)
{
    public const double Target = 1.0;
    private const int PerAppend = 10;

    public async Task<double> RunAsync(string server, BenchOptions options, CancellationToken cancellationToken)
    {
        await using var database = await BenchDatabase.CreateAsync(server, cancellationToken);
        await using var services = BenchServices.Create(database);
        var backlog = Math.Max(10_000, options.Events / 2);
        var duration = TimeSpan.FromSeconds(options.Seconds * options.Rounds);
        output.WriteLine(
            $"seal: {options.Writers} writers x {PerAppend} events per append for {duration.TotalSeconds:0} s, the sealer running beside them from a backlog of {Measurement.Format(backlog)}");
        await BenchSeed.EventsAsync(database, backlog, cancellationToken);
        await database.ExecuteAsync("VACUUM ANALYZE gempix.events", cancellationToken);

        var ledger = services.Get<LedgerReader>();
        var sealer = services.Get<LedgerSealer>();
        var store = BenchPayload.Store(database);
        using var stopSealer = new CancellationTokenSource();
        var sealing = sealer.RunAsync(stopSealer.Token);
        var before = (await ledger.GetStateAsync(cancellationToken)).TreeSize;
        var stopwatch = Stopwatch.StartNew();
        var appendRate = await Measurement.RatePerSecondAsync(options.Writers, duration, Writer(store, options.Writers), cancellationToken);
        var elapsed = stopwatch.Elapsed;
        var after = (await ledger.GetStateAsync(cancellationToken)).TreeSize;
        var sealRate = (after - before) / elapsed.TotalSeconds;
        var total = backlog + (long)Math.Round(appendRate * elapsed.TotalSeconds);

        // Then the rest, to report how far behind the sealer was when the writers stopped.
        var lag = await CountEventsAsync(database, cancellationToken) - after;
        stopwatch.Restart();
        while ((await ledger.GetStateAsync(cancellationToken)).TreeSize < after + lag)
        {
            await Task.Delay(50, cancellationToken);
        }

        var drain = stopwatch.Elapsed;
        await stopSealer.CancelAsync();
        await sealing;

        var ratio = sealRate / appendRate;
        output.WriteLine($"  append   {Measurement.Format(appendRate),10} events/s   ({Measurement.Format(total - backlog)} events)");
        output.WriteLine($"  seal     {Measurement.Format(sealRate),10} leaves/s   ({Measurement.Format(after - before)} leaves, with signed heads every 5 s)");
        output.WriteLine($"  unsealed when the writers stopped: {Measurement.Format(lag)}, sealed {drain.TotalSeconds:0.0} s later");
        output.WriteLine($"seal: append={Measurement.Format(appendRate)}/s seal={Measurement.Format(sealRate)}/s target>={Measurement.Ratio(Target)} ratio={Measurement.Ratio(ratio)}");
        return ratio;
    }

    private static async Task<long> CountEventsAsync(BenchDatabase database, CancellationToken cancellationToken)
    {
        await using var command = database.App.CreateCommand("SELECT count(*) FROM gempix.events");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static Func<int, CancellationToken, Task<int>> Writer(PostgresEventStore store, int writers)
    {
        var streams = Enumerable.Range(0, writers).Select(_ => Guid.NewGuid()).ToArray();
        var versions = new long[writers];
        var seed = 0L;
        return async (w, cancellationToken) =>
        {
            var events = new PendingEvent[PerAppend];
            for (var i = 0; i < PerAppend; i++)
            {
                events[i] = PendingEvent.Create(BenchPayload.Create(Interlocked.Increment(ref seed)));
            }

            versions[w] = await store.AppendAsync(new StreamAppend(streams[w], "bench", null, ExpectedVersion.Exactly(versions[w]), events), cancellationToken);
            return PerAppend;
        };
    }
}
