using System.Diagnostics;
using System.Globalization;

namespace GemPix.Benchmarks;

/// <summary>Runs concurrent loops for a fixed time and counts or times what they did; medians, percentiles and how figures are printed.</summary>
internal static class Measurement
{
    public static async Task<double> RatePerSecondAsync(int writers, TimeSpan duration, Func<int, CancellationToken, Task<int>> step, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var counts = new long[writers];
        var stopwatch = Stopwatch.StartNew();
        stop.CancelAfter(duration);
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                counts[w] += await step(w, CancellationToken.None);
            }
        }, CancellationToken.None)));
        cancellationToken.ThrowIfCancellationRequested();
        return counts.Sum() / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Runs <paramref name="clients"/> loops of one request each at a time for <paramref name="duration"/>, timing every
    /// request. Requests in flight when the time is up finish and count, as in <see cref="RatePerSecondAsync"/>.
    /// </summary>
    public static async Task<LatencyRun> LatenciesAsync(int clients, TimeSpan duration, Func<int, CancellationToken, Task> request, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timings = new List<double>[clients];
        using var process = Process.GetCurrentProcess();
        var processorAtStart = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        stop.CancelAfter(duration);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var own = timings[c] = new List<double>(4096);
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                await request(c, CancellationToken.None);
                own.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }, CancellationToken.None)));
        var elapsed = stopwatch.Elapsed;
        process.Refresh();
        var processor = process.TotalProcessorTime - processorAtStart;
        cancellationToken.ThrowIfCancellationRequested();
        return new LatencyRun(elapsed, processor, [.. timings.SelectMany(t => t)]);
    }

    /// <summary>The nearest-rank percentile (<paramref name="p"/> from 0 to 1) of values sorted ascending.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static string Format(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
