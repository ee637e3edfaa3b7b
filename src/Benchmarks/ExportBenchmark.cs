using System.Globalization;
using GemPix.Imaging;

namespace GemPix.Benchmarks;

/// <summary>
/// <c>bench export</c>: the data-subject export of one person with 10,000 events and 100 images, when the store holds
/// a tenth of <see cref="BenchOptions.Events"/> (100,000 by default) and when it holds all of them (1,000,000): two
/// databases side by side, exported in alternation. Its cost must follow the person, not the store: the baseline is the
/// small store, measured in the same run, and the ratio is large / small (target ≤ 1.5, median under 5 s).
/// </summary>
public sealed class ExportBenchmark(TextWriter output)
{
    public const double TargetRatio = 1.5;
    public static readonly TimeSpan TargetMedian = TimeSpan.FromSeconds(5);

    public async Task<double> RunAsync(string server, BenchOptions options, CancellationToken cancellationToken)
    {
        var (small, large) = (options.Events / 10, options.Events);
        if (small <= ExportBenchSubject.Events)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"--events must be more than {10 * ExportBenchSubject.Events}: the small store is a tenth of it and holds the person.");
        }

        var image = await ImageAsync(cancellationToken);
        output.WriteLine($"export: one person with {ExportBenchSubject.Events:N0} events and {ExportBenchSubject.Images} images of {image.Length / 1024:N0} KiB, "
            + $"in a store of {small:N0} and one of {large:N0} events; {Math.Max(1, options.Rounds)} rounds alternating the two after a warm-up");
        await using var smallStore = await ExportBenchStore.CreateAsync(server, small, image, output, cancellationToken);
        await using var largeStore = await ExportBenchStore.CreateAsync(server, large, image, output, cancellationToken);

        await smallStore.ExportAsync(cancellationToken);
        await largeStore.ExportAsync(cancellationToken);
        var (smallTimes, largeTimes) = (new List<double>(), new List<double>());
        for (var round = 0; round < Math.Max(1, options.Rounds); round++)
        {
            // Alternating, so that a noisy neighbour or a checkpoint hurts both sizes alike.
            smallTimes.Add(await smallStore.ExportAsync(cancellationToken));
            largeTimes.Add(await largeStore.ExportAsync(cancellationToken));
        }

        Report(smallStore, smallTimes);
        Report(largeStore, largeTimes);
        var (smallMedian, largeMedian) = (Measurement.Median(smallTimes), Measurement.Median(largeTimes));
        var ratio = largeMedian / smallMedian;
        var overall = Measurement.Median(smallTimes.Concat(largeTimes));
        output.WriteLine(
            $"export: small={Seconds(smallMedian)}s large={Seconds(largeMedian)}s median={Seconds(overall)}s target<={Measurement.Ratio(TargetRatio)} ratio={Measurement.Ratio(ratio)}");
        return ratio;
    }

    private void Report(ExportBenchStore store, List<double> times) => output.WriteLine(
        $"  store of {store.Size,9:N0} events: median {Seconds(Measurement.Median(times))} s  (runs: {string.Join(", ", times.Select(Seconds))}; "
        + $"archive {store.LastArchiveBytes / (1024 * 1024):N0} MiB)");

    /// <summary>A generated 512 × 512 picture, encoded as the generation worker stores it.</summary>
    private static async Task<byte[]> ImageAsync(CancellationToken cancellationToken)
    {
        var image = await new CppnImageModel().GenerateAsync(new ImageRequest("a lighthouse on a cliff at dusk", 512, 512, 7), cancellationToken);
        return new PngEncoder().Encode(image);
    }

    private static string Seconds(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
