using System.Diagnostics;
using System.Security.Cryptography;

namespace GemPix.Imaging.Tests;

public sealed class CppnImageModelTests
{
    /// <summary>SHA-256 of the pixels of "a red fox", 64×48, seed 7, under version 1.</summary>
    private const string GoldenDigest = "01dc34df7884d4797d5a6ea10b2a827a22fb45285010ff0df45518feacd663ea";

    private static readonly string[] Prompts =
        ["a lighthouse in a storm", "a bowl of lemons", "neon city at night", "a quiet forest lake", "portrait of an old sailor", "abstract jazz"];

    private readonly CppnImageModel _model = new();

    [Fact]
    public void Names_itself_for_the_provenance_manifest()
    {
        IImageModel model = _model;

        model.Name.Should().Be("gempix-cppn");
        model.Version.Should().Be("1");
    }

    [Fact]
    public async Task Gives_byte_identical_pixels_for_the_same_request()
    {
        var first = await _model.GenerateAsync(new ImageRequest("a red fox", 97, 61, seed: 7), CancellationToken.None);
        var second = await new CppnImageModel().GenerateAsync(new ImageRequest("  A   red FOX ", 97, 61, seed: 7), CancellationToken.None);

        first.Width.Should().Be(97);
        first.Height.Should().Be(61);
        second.Pixels.SequenceEqual(first.Pixels).Should().BeTrue("prompts differing only in case and spacing are the same prompt");
    }

    [Fact]
    public async Task Draws_exactly_the_pixels_of_version_1()
    {
        // Generated images must be reproducible everywhere and forever under one version: if this changes, the
        // drawing changed, and Version must change with it.
        var image = await _model.GenerateAsync(new ImageRequest("a red fox", 64, 48, seed: 7), CancellationToken.None);

        Convert.ToHexStringLower(SHA256.HashData(image.Pixels)).Should().Be(GoldenDigest);
    }

    [Fact]
    public async Task Draws_different_pictures_for_different_prompts()
    {
        var images = await Task.WhenAll(Prompts.Select(p => _model.GenerateAsync(new ImageRequest(p, 128, 128, seed: 42), CancellationToken.None).AsTask()));
        var hashes = images.Select(DifferenceHash.Compute).ToList();

        var distances = hashes.SelectMany((a, i) => hashes.Skip(i + 1).Select(b => a.DistanceTo(b))).ToList();

        distances.Average().Should().BeGreaterThan(24);
        distances.Should().OnlyContain(d => d >= 14);
        images.Select(MeanColour).Distinct().Should().HaveCount(Prompts.Length);
    }

    [Fact]
    public async Task Draws_different_pictures_for_different_seeds()
    {
        var a = await _model.GenerateAsync(new ImageRequest("a bowl of lemons", 128, 128, seed: 1), CancellationToken.None);
        var b = await _model.GenerateAsync(new ImageRequest("a bowl of lemons", 128, 128, seed: 2), CancellationToken.None);

        DifferenceHash.Compute(a).DistanceTo(DifferenceHash.Compute(b)).Should().BeGreaterThan(14);
    }

    [Theory]
    [MemberData(nameof(PromptData))]
    public async Task Draws_contrasting_colourful_pictures_not_grey_mush(string prompt)
    {
        var image = await _model.GenerateAsync(new ImageRequest(prompt, 128, 128, seed: 3), CancellationToken.None);

        var lumas = Lumas(image);
        var mean = lumas.Average();
        Math.Sqrt(lumas.Average(l => (l - mean) * (l - mean))).Should().BeGreaterThan(25, "light and dark areas");
        image.Pixels.ToArray().Chunk(3).Average(p => p.Max() - p.Min()).Should().BeGreaterThan(30, "colour, not grey");
    }

    [Fact]
    public async Task Keeps_its_picture_at_another_size()
    {
        var small = await _model.GenerateAsync(new ImageRequest("a quiet forest lake", 200, 150, seed: 5), CancellationToken.None);
        var large = await _model.GenerateAsync(new ImageRequest("a quiet forest lake", 400, 300, seed: 5), CancellationToken.None);

        DifferenceHash.Compute(small).DistanceTo(DifferenceHash.Compute(large)).Should().BeLessThanOrEqualTo(6);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Follows_a_reference_image(int seed)
    {
        var reference = TestImages.Scene(300, 200, seed);
        var plain = await _model.GenerateAsync(new ImageRequest("a lighthouse in a storm", 240, 160, seed: 11), CancellationToken.None);
        var guided = await _model.GenerateAsync(new ImageRequest("a lighthouse in a storm", 240, 160, seed: 11, reference), CancellationToken.None);

        var referenceHash = DifferenceHash.Compute(reference);
        guided.Pixels.SequenceEqual(plain.Pixels).Should().BeFalse();
        DifferenceHash.Compute(guided).DistanceTo(referenceHash).Should().BeLessThan(DifferenceHash.Compute(plain).DistanceTo(referenceHash));
        // The same scene drawn at twice the output size and halved: the reference as the model sees it, resized independently.
        var resizedReference = TestImages.HalfSize(TestImages.Scene(480, 320, seed));
        Correlation(Lumas(guided), Lumas(resizedReference)).Should().BeGreaterThan(0.45);
        Correlation(Lumas(plain), Lumas(resizedReference)).Should().BeInRange(-0.3, 0.3);
        MeanDifference(guided, resizedReference).Should().BeLessThan(MeanDifference(plain, resizedReference) * 0.6);
    }

    [Fact]
    public async Task Stops_when_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var before = () => _model.GenerateAsync(new ImageRequest("x", 64, 64, 1), cancelled.Token).AsTask();
        await before.Should().ThrowAsync<OperationCanceledException>();

        using var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var stopwatch = Stopwatch.StartNew();
        var during = () => _model.GenerateAsync(new ImageRequest("x", 8192, 4096, 1), soon.Token).AsTask();
        await during.Should().ThrowAsync<OperationCanceledException>();
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "rendering all 33 million pixels would take far longer");
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, 0)]
    [InlineData(-1, 10)]
    [InlineData(8193, 10)]
    [InlineData(8192, 8192)]
    public void Refuses_impossible_sizes(int width, int height)
    {
        var act = () => new ImageRequest("x", width, height, 1);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task Draws_the_smallest_images()
    {
        var dot = await _model.GenerateAsync(new ImageRequest("", 1, 1, 0), CancellationToken.None);
        var strip = await _model.GenerateAsync(new ImageRequest("a strip", 1, 9, 0, RgbImage.Filled(1, 1, 0, 0, 0)), CancellationToken.None);

        dot.Pixels.Length.Should().Be(3);
        strip.Pixels.Length.Should().Be(27);
    }

    public static TheoryData<string> PromptData() => new(Prompts);

    private static (int, int, int) MeanColour(RgbImage image)
    {
        var pixels = image.Pixels.ToArray().Chunk(3).ToList();
        return ((int)pixels.Average(p => p[0]), (int)pixels.Average(p => p[1]), (int)pixels.Average(p => p[2]));
    }

    private static double MeanDifference(RgbImage a, RgbImage b)
    {
        var total = 0L;
        for (var i = 0; i < a.Pixels.Length; i++)
        {
            total += Math.Abs(a.Pixels[i] - b.Pixels[i]);
        }

        return (double)total / a.Pixels.Length;
    }

    private static double[] Lumas(RgbImage image) =>
        image.Pixels.ToArray().Chunk(3).Select(p => (0.299 * p[0]) + (0.587 * p[1]) + (0.114 * p[2])).ToArray();

    private static double Correlation(double[] a, double[] b)
    {
        double meanA = a.Average(), meanB = b.Average();
        double covariance = 0, varianceA = 0, varianceB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            covariance += (a[i] - meanA) * (b[i] - meanB);
            varianceA += (a[i] - meanA) * (a[i] - meanA);
            varianceB += (b[i] - meanB) * (b[i] - meanB);
        }

        return covariance / Math.Sqrt(varianceA * varianceB);
    }
}
