using System.IO.Compression;

namespace GemPix.Imaging;

/// <summary>How <see cref="PngEncoder"/> filters and compresses. The defaults suit generated images.</summary>
public sealed record PngEncoderOptions
{
    public static PngEncoderOptions Default { get; } = new();

    public PngFilterMode Filter { get; init; } = PngFilterMode.Adaptive;

    public CompressionLevel Compression { get; init; } = CompressionLevel.Optimal;
}
