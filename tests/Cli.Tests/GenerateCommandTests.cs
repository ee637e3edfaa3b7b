using System.CommandLine;
using System.Text;
using GemPix.Cli.Commands;
using GemPix.Imaging;
using GemPix.Testing;

namespace GemPix.Cli.Tests;

public sealed class GenerateCommandTests : IDisposable
{
    private const string Prompt = "a lighthouse at dusk, oil on canvas";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gempix-generate-" + Guid.NewGuid().ToString("N"));
    private readonly FakeClock _clock = FakeClock.At(2026, 11, 22, 10, 15, 30);

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliRoot.Create(_clock).Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Writes_the_models_image_as_a_png_with_its_provenance_manifest_and_prints_where_how_big_and_its_fingerprint()
    {
        var file = Path.Combine(_directory, "made", "out.png");

        var (exitCode, output, error) = await RunAsync("generate", "--prompt", Prompt, "--width", "160", "--height", "96", "--seed", "42", "--out", file);

        exitCode.Should().Be(0, error);
        var png = await File.ReadAllBytesAsync(file);
        var image = new PngDecoder().Decode(png);
        (image.Width, image.Height).Should().Be((160, 96));
        var expected = await new CppnImageModel().GenerateAsync(new ImageRequest(Prompt, 160, 96, 42), CancellationToken.None);
        image.Pixels.SequenceEqual(expected.Pixels).Should().BeTrue("the file holds the built-in model's pixels for that request");
        ProvenanceManifest.TryRead(png, out var manifest).Should().BeTrue();
        manifest!.ModelName.Should().Be("gempix-cppn");
        manifest.CreatedAt.Should().Be(_clock.Now);
        manifest.GenerationId.Should().NotBeEmpty();
        output.Should().Contain(Path.GetFullPath(file)).And.Contain("160×96").And.Contain($"{png.Length:N0} bytes")
            .And.Contain(DifferenceHash.Compute(image).ToString()).And.Contain(manifest.GenerationId.ToString());
        output.Should().NotContain("lighthouse", "the prompt is never printed back");
        Encoding.UTF8.GetString(png).Should().NotContain("lighthouse", "the manifest holds no prompt");
        Directory.GetFiles(Path.GetDirectoryName(file)!).Should().Equal(file);
    }

    [Fact]
    public async Task Without_a_seed_the_prompt_chooses_it_so_the_same_prompt_draws_the_same_image()
    {
        var first = Path.Combine(_directory, "first.png");
        var second = Path.Combine(_directory, "second.png");

        (await RunAsync("generate", "--prompt", Prompt, "--width", "96", "--height", "64", "--out", first)).ExitCode.Should().Be(0);
        (await RunAsync("generate", "--prompt", $"  {Prompt} ", "--width", "96", "--height", "64", "--out", second)).ExitCode.Should().Be(0);

        var one = new PngDecoder().Decode(await File.ReadAllBytesAsync(first));
        var other = new PngDecoder().Decode(await File.ReadAllBytesAsync(second));
        one.Pixels.SequenceEqual(other.Pixels).Should().BeTrue();
        ProvenanceManifest.TryRead(await File.ReadAllBytesAsync(first), out var a).Should().BeTrue();
        ProvenanceManifest.TryRead(await File.ReadAllBytesAsync(second), out var b).Should().BeTrue();
        a!.GenerationId.Should().NotBe(b!.GenerationId, "each run is a generation of its own");
    }

    [Theory]
    [InlineData("--width", "63", "invalid-dimensions")]
    [InlineData("--height", "4000", "invalid-dimensions")]
    [InlineData("--seed", "-1", "invalid-seed")]
    [InlineData("--prompt", "   ", "invalid-prompt")]
    public async Task A_request_the_domain_refuses_exits_2_with_its_reason_and_writes_nothing(string option, string value, string code)
    {
        var file = Path.Combine(_directory, "refused.png");
        string[] args = option == "--prompt"
            ? ["generate", "--prompt", value, "--out", file]
            : ["generate", "--prompt", Prompt, option, value, "--out", file];

        var (exitCode, _, error) = await RunAsync(args);

        exitCode.Should().Be(GenerateCommand.InvalidRequest);
        error.Should().StartWith(code + ":");
        File.Exists(file).Should().BeFalse();
    }

    [Fact]
    public async Task The_onnx_backend_is_not_built_yet_and_says_so_with_a_non_zero_exit()
    {
        var file = Path.Combine(_directory, "onnx.png");

        var (exitCode, _, error) = await RunAsync("generate", "--prompt", Prompt, "--backend", "onnx", "--out", file);

        exitCode.Should().Be(GenerateCommand.BackendUnavailable);
        error.Should().Contain("onnx backend is not available");
        File.Exists(file).Should().BeFalse();
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
