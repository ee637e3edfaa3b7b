using System.Diagnostics;
using System.Globalization;

namespace GemPix.Benchmarks;

/// <summary>Runs <paramref name="writers"/> loops for a fixed time and counts what they did.</summary>
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

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static string Format(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
