using System.Diagnostics;
using GemPix.EventStore;
using GemPix.Protection.Blobs;
using GemPix.Protection.Shredding;

namespace GemPix.Benchmarks;

/// <summary>
/// <c>bench erase</c>: how long erasing a subject takes when it has 10, 1,000 or 100,000 events. Erasure
/// destroys keys, so its cost must not follow the amount of data: the baseline is the smallest subject,
/// measured in the same run, and the ratio is largest / smallest (target ≤ 2, median under 100 ms).
/// </summary>
public sealed class EraseBenchmark(TextWriter output)
{
    public const double TargetRatio = 2;
    public static readonly TimeSpan TargetMedian = TimeSpan.FromMilliseconds(100);

    public async Task<double> RunAsync(string server, BenchOptions options, CancellationToken cancellationToken)
    {
        await using var database = await BenchDatabase.CreateAsync(server, cancellationToken);
        await using var services = BenchServices.Create(database);
        var store = services.Get<PostgresEventStore>();
        var blobs = services.Get<IBlobStore>();
        var shredder = services.Get<SubjectShredder>();
        var subjectsPerSize = Math.Max(3, options.Rounds);
        var sizes = new[] { 10, 1_000, 100_000 };

        output.WriteLine($"erase: {subjectsPerSize} subjects per size, each with personal fields in every event and one image");
        // Warm-up: the first erasure also creates the signing key and compiles the path.
        var warmUp = Guid.NewGuid();
        await SeedAsync(store, blobs, warmUp, 1, cancellationToken);
        await shredder.ShredSubjectAsync(warmUp, null, cancellationToken);
        var medians = new Dictionary<int, double>();
        foreach (var size in sizes)
        {
            var subjects = new List<Guid>();
            for (var s = 0; s < subjectsPerSize; s++)
            {
                var subject = Guid.NewGuid();
                await SeedAsync(store, blobs, subject, size, cancellationToken);
                subjects.Add(subject);
            }

            var times = new List<double>();
            foreach (var subject in subjects)
            {
                var stopwatch = Stopwatch.StartNew();
                await shredder.ShredSubjectAsync(subject, Guid.NewGuid(), cancellationToken);
                times.Add(stopwatch.Elapsed.TotalMilliseconds);
            }

            medians[size] = Measurement.Median(times);
            output.WriteLine($"  {size,7:N0} events: median {medians[size],7:0.0} ms  (runs: {string.Join(", ", times.Select(t => t.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)))})");
        }

        var ratio = medians[sizes[^1]] / medians[sizes[0]];
        var overall = Measurement.Median(medians.Values);
        output.WriteLine($"erase: median={overall:0.0}ms target<{TargetMedian.TotalMilliseconds:0}ms largest/smallest target<={TargetRatio:0.0} ratio={Measurement.Ratio(ratio)}");
        return ratio;
    }

    private static async Task SeedAsync(PostgresEventStore store, IBlobStore blobs, Guid subject, int events, CancellationToken cancellationToken)
    {
        var version = 0L;
        for (var done = 0; done < events; done += 1000)
        {
            var batch = Enumerable.Range(done, Math.Min(1000, events - done))
                .Select(i => PendingEvent.Create(BenchPersonalPayload.Create(i)))
                .ToList();
            version = await store.AppendAsync(new StreamAppend(subject, "bench", subject, ExpectedVersion.Exactly(version), batch), cancellationToken);
        }

        await blobs.PutAsync(subject, Guid.NewGuid(), new byte[64 * 1024], cancellationToken);
    }
}
