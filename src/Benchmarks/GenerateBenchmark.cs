using System.Diagnostics;
using System.Globalization;
using GemPix.Imaging;

namespace GemPix.Benchmarks;

/// <summary>
/// <c>bench generate</c>: the image model as the generation worker runs it, at three sizes up to 4K, each round a new
/// seed: the model's render, then the PNG with its provenance manifest. The baseline, measured on the same pixels in
/// the same round, is the encoding alone, which every backend pays. The ratio is the encoding's share of a 1024×1024
/// generation: what is left above it is the model's own cost, the part a faster backend can win.
/// </summary>
public sealed class GenerateBenchmark(TextWriter output)
{
    private const string Prompt = "a lighthouse at dusk over a calm sea, long exposure";

    private static readonly (int Width, int Height)[] Sizes = [(512, 512), (1024, 1024), (3840, 2160)];

    public async Task<double> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        IImageModel model = new CppnImageModel();
        var encoder = new PngEncoder();
        var manifest = new ProvenanceManifest(model.Name, model.Version, Guid.CreateVersion7(), NodaTime.SystemClock.Instance.GetCurrentInstant());
        output.WriteLine($"generate: {model.Name} {model.Version} on {Environment.ProcessorCount} cores, {options.Rounds} rounds per size after one warm-up (median)");

        var ratio = 0.0;
        foreach (var (width, height) in Sizes)
        {
            await GenerateAsync(model, encoder, manifest, width, height, seed: 0, cancellationToken);
            var rounds = new List<(double Model, double Encode, long Bytes)>();
            for (var round = 1; round <= options.Rounds; round++)
            {
                rounds.Add(await GenerateAsync(model, encoder, manifest, width, height, round, cancellationToken));
            }

            var modelMs = Measurement.Median(rounds.Select(r => r.Model));
            var encodeMs = Measurement.Median(rounds.Select(r => r.Encode));
            var totalMs = Measurement.Median(rounds.Select(r => r.Model + r.Encode));
            var megapixels = width * (double)height / 1_000_000;
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {width,4}×{height,-4}  generation {totalMs,8:0.0} ms  (model {modelMs,8:0.0} ms, PNG {encodeMs,7:0.0} ms)  {megapixels / (totalMs / 1000),6:0.0} MP/s  {Measurement.Format(Measurement.Median(rounds.Select(r => (double)r.Bytes)))} bytes"));
            if (width == 1024)
            {
                ratio = encodeMs / totalMs;
            }
        }

        output.WriteLine($"generate: backend=builtin baseline=png-encoding ratio={Measurement.Ratio(ratio)}");
        return ratio;
    }

    private static async Task<(double Model, double Encode, long Bytes)> GenerateAsync(
        IImageModel model, PngEncoder encoder, ProvenanceManifest manifest, int width, int height, long seed, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var image = await model.GenerateAsync(new ImageRequest(Prompt, width, height, seed), cancellationToken);
        var modelMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        using var png = new MemoryStream();
        await encoder.EncodeAsync(image, png, [manifest.ToPngText()], cancellationToken);
        return (modelMs, clock.Elapsed.TotalMilliseconds, png.Length);
    }
}
