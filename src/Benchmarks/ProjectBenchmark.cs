using System.Diagnostics;
using GemPix.EventStore;
using GemPix.EventStore.Projections;
using GemPix.Projections.Statistics;
using Microsoft.Extensions.Logging.Abstractions;

namespace GemPix.Benchmarks;

/// <summary>
/// <c>bench project</c>: the daemon's catch-up over a million events for a simple projection (events per
/// type and day), against reading the same pages through the gap-safe reader alone, in the same run.
/// </summary>
public sealed class ProjectBenchmark(TextWriter output)
{
    public const double TargetEventsPerSecond = 50_000;

    public async Task<double> RunAsync(string server, BenchOptions options, CancellationToken cancellationToken)
    {
        await using var database = await BenchDatabase.CreateAsync(server, cancellationToken);
        output.WriteLine($"project: seeding {Measurement.Format(options.Events)} events...");
        await BenchSeed.EventsAsync(database, options.Events, cancellationToken);
        await database.ExecuteAsync("VACUUM ANALYZE gempix.events", cancellationToken);

        var serializer = BenchPayload.Serializer();
        var reader = new GapSafeEventReader(database.App, serializer);
        var projectionOptions = new ProjectionDaemonOptions();
        var daemon = new ProjectionDaemon(
            database.App, reader, new ProjectionCheckpointStore(database.App), [new EventStatisticsProjection()], projectionOptions, NullLoggerFactory.Instance);

        var raw = new List<double>();
        var ours = new List<double>();
        for (var round = 0; round < Math.Max(1, options.Rounds - 1); round++)
        {
            raw.Add(await ReadAllAsync(reader, projectionOptions.BatchSize, options.Events, cancellationToken));
            var stopwatch = Stopwatch.StartNew();
            await daemon.RebuildAsync("event_statistics", null, cancellationToken);
            ours.Add(options.Events / stopwatch.Elapsed.TotalSeconds);
        }

        var (rawRate, ourRate) = (Measurement.Median(raw), Measurement.Median(ours));
        var ratio = ourRate / rawRate;
        output.WriteLine($"  read pages only   {Measurement.Format(rawRate),10} events/s");
        output.WriteLine($"  daemon catch-up   {Measurement.Format(ourRate),10} events/s   (target >= {Measurement.Format(TargetEventsPerSecond)})");
        output.WriteLine($"project: events={options.Events} daemon={Measurement.Format(ourRate)}/s raw={Measurement.Format(rawRate)}/s ratio={Measurement.Ratio(ratio)}");
        return ourRate;
    }

    private static async Task<double> ReadAllAsync(GapSafeEventReader reader, int pageSize, int expected, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var position = GlobalPosition.Start;
        var read = 0;
        while (true)
        {
            var page = await reader.ReadPageAsync(position, pageSize, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            read += page.Count;
            position = page[^1].Position;
        }

        if (read != expected)
        {
            throw new InvalidOperationException($"Read {read} events, expected {expected}.");
        }

        return read / stopwatch.Elapsed.TotalSeconds;
    }
}
