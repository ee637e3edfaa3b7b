namespace GemPix.Imaging;

/// <summary>
/// An 8-bit sRGB image with straight (not premultiplied) alpha: four bytes per pixel (red, green, blue, alpha),
/// row after row from the top left with no padding. Written as PNG colour type 6.
/// </summary>
/// <remarks>Like <see cref="RgbImage"/>, it takes ownership of the pixel array instead of copying it.</remarks>
public sealed class RgbaImage
{
    /// <summary>Bytes per pixel: red, green, blue, alpha.</summary>
    public const int Channels = 4;

    private readonly byte[] _pixels;

    public RgbaImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(pixels);
        if ((long)width * height * Channels != pixels.LongLength)
        {
            throw new ArgumentException($"A {width}×{height} RGBA image needs {(long)width * height * Channels} bytes, not {pixels.LongLength}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        _pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>All pixels, <c>Width * Height * 4</c> bytes.</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>The same pixels as memory, for work that outlives a stack frame.</summary>
    public ReadOnlyMemory<byte> PixelMemory => _pixels;
}
