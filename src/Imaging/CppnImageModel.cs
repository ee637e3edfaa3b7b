namespace GemPix.Imaging;

/// <summary>
/// GemPix's built-in image model: a compositional pattern-producing network (CPPN) in plain C#, with no weights to
/// download and no accelerator to need. Each pixel's coordinates and a few Fourier features of them, with a latent
/// vector drawn from the prompt and seed, pass through a small fixed-weight network whose outputs pick colours from a
/// generated palette. The same request gives byte-identical pixels on every machine; a reference image, when given,
/// feeds the network and shapes the result's brightness and colours.
/// </summary>
public sealed class CppnImageModel : IImageModel
{
    public string Name => "gempix-cppn";

    public string Version => "1";

    public async ValueTask<RgbImage> GenerateAsync(ImageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var genome = CppnGenome.Create(request.Prompt, request.Seed);
        var reference = request.Reference is null
            ? null
            : await ReferenceGuide.CreateAsync(request.Reference, request.Width, request.Height, cancellationToken).ConfigureAwait(false);
        return await new CppnRenderer(genome, reference, request.Width, request.Height).RenderAsync(cancellationToken).ConfigureAwait(false);
    }
}
