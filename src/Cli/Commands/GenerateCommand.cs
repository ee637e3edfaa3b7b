using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GemPix.Domain.Generations;
using GemPix.Imaging;
using NodaTime;

namespace GemPix.Cli.Commands;

/// <summary>
/// <c>generate --prompt TEXT --out FILE.png</c>: the image model run directly, with no database and no account. The
/// request is checked by the rules a generation asked of the API is checked by (the generation decider's), and the PNG
/// carries the same provenance manifest the workers embed. The prompt is never printed back.
/// </summary>
internal static class GenerateCommand
{
    public const string BuiltinBackend = "builtin";
    public const string OnnxBackend = "onnx";
    public const int DefaultSide = 1024;

    /// <summary>Exit code of a request the domain refuses: a bad prompt, size or seed.</summary>
    public const int InvalidRequest = 2;

    /// <summary>Exit code of a backend that this build does not have.</summary>
    public const int BackendUnavailable = 3;

    public static Command Create(IClock clock)
    {
        var prompt = new Option<string>("--prompt") { Description = "What to draw.", Required = true };
        var backend = new Option<string>("--backend") { Description = "builtin (the CPPN model) | onnx (not built yet)", DefaultValueFactory = _ => BuiltinBackend };
        backend.AcceptOnlyFromAmong(BuiltinBackend, OnnxBackend);
        var width = new Option<int>("--width") { Description = "Width in pixels.", DefaultValueFactory = _ => DefaultSide };
        var height = new Option<int>("--height") { Description = "Height in pixels.", DefaultValueFactory = _ => DefaultSide };
        var seed = new Option<long?>("--seed") { Description = "0 to 2^53; by default derived from the prompt, so that the same prompt gives the same image." };
        var output = new Option<FileInfo>("--out") { Description = "The PNG file to write.", Required = true };
        var command = new Command("generate", "Run the image model directly (no database) and write a PNG with its provenance manifest.")
        {
            prompt, backend, width, height, seed, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            if (parse.GetValue(backend) == OnnxBackend)
            {
                await stderr.WriteLineAsync("The onnx backend is not available in this build: the ONNX Runtime model is a later piece of work. Use --backend builtin.");
                return BackendUnavailable;
            }

            var generationId = Guid.CreateVersion7();
            var request = new RequestGeneration(
                Guid.Empty, generationId, parse.GetValue(prompt)!, parse.GetValue(width), parse.GetValue(height), parse.GetValue(seed), null, clock.GetCurrentInstant());
            var decision = GenerationDecider.Decide(request, GenerationDecider.Initial);
            if (decision.Rejection is { } rejection)
            {
                await stderr.WriteLineAsync($"{rejection.Code}: {rejection.Message}");
                return InvalidRequest;
            }

            // The decider's event holds the prompt as it will be drawn (trimmed).
            var requested = (GenerationRequested)decision.Events[0];
            var chosenSeed = requested.Seed ?? SeedOf(requested.Prompt.Value);
            var model = new CppnImageModel();
            var image = await model.GenerateAsync(new ImageRequest(requested.Prompt.Value, requested.Width, requested.Height, chosenSeed), cancellationToken);
            var manifest = new ProvenanceManifest(model.Name, model.Version, generationId, clock.GetCurrentInstant());
            var file = parse.GetValue(output)!;
            var bytes = await WriteAsync(image, manifest, file, cancellationToken);

            await stdout.WriteLineAsync($"wrote {file.FullName}");
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  size         {image.Width}×{image.Height}, {bytes:N0} bytes"));
            await stdout.WriteLineAsync($"  fingerprint  {DifferenceHash.Compute(image)}");
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  model        {model.Name} {model.Version}, seed {chosenSeed}"));
            await stdout.WriteLineAsync($"  generation   {generationId}");
            return 0;
        });
        return command;
    }

    /// <summary>A seed from the prompt's SHA-256, within the domain's range, so that a prompt alone reproduces its image.</summary>
    internal static long SeedOf(string prompt) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(prompt)), 0) & (GenerationLimits.MaxSeed - 1);

    /// <summary>Written beside the target first and moved into place, so that an interrupted run leaves no half image.</summary>
    private static async Task<long> WriteAsync(RgbImage image, ProvenanceManifest manifest, FileInfo file, CancellationToken cancellationToken)
    {
        if (file.DirectoryName is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var partial = file.FullName + ".partial";
        try
        {
            await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await new PngEncoder().EncodeAsync(image, stream, [manifest.ToPngText()], cancellationToken);
            }

            File.Move(partial, file.FullName, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }

        file.Refresh();
        return file.Length;
    }
}
