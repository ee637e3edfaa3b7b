namespace GemPix.Imaging;

/// <summary>
/// Something that turns an <see cref="ImageRequest"/> into an image: the built-in <see cref="CppnImageModel"/>, or a
/// neural network run elsewhere. <see cref="Name"/> and <see cref="Version"/> go into the provenance manifest, so a
/// model must change its version whenever the same request would give a different image.
/// </summary>
public interface IImageModel
{
    string Name { get; }

    string Version { get; }

    /// <exception cref="OperationCanceledException">The token was cancelled before the image was finished.</exception>
    ValueTask<RgbImage> GenerateAsync(ImageRequest request, CancellationToken cancellationToken);
}
