namespace GemPix.Imaging;

/// <summary>
/// An 8-bit sRGB image: <see cref="Width"/> × <see cref="Height"/> pixels, each three bytes (red, green, blue),
/// row after row from the top left with no padding.
/// </summary>
/// <remarks>
/// The constructor takes ownership of the pixel array instead of copying it, because a 4K image is 25 MB; the
/// image never writes to it and hands it out read-only, so whoever created it must not change it afterwards.
/// </remarks>
public sealed class RgbImage
{
    /// <summary>Bytes per pixel: red, green, blue.</summary>
    public const int Channels = 3;

    private readonly byte[] _pixels;

    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(pixels);
        if ((long)width * height * Channels != pixels.LongLength)
        {
            throw new ArgumentException($"A {width}×{height} RGB image needs {(long)width * height * Channels} bytes, not {pixels.LongLength}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        _pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>All pixels, <c>Width * Height * 3</c> bytes.</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>The same pixels as memory, for work that outlives a stack frame (parallel loops, async writes).</summary>
    public ReadOnlyMemory<byte> PixelMemory => _pixels;

    /// <summary>The bytes of row <paramref name="y"/> (0 at the top), <c>Width * 3</c> of them.</summary>
    public ReadOnlySpan<byte> Row(int y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Height);
        return _pixels.AsSpan(y * Width * Channels, Width * Channels);
    }

    /// <summary>An image of one colour, mostly for tests and placeholders.</summary>
    public static RgbImage Filled(int width, int height, byte red, byte green, byte blue)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var pixels = new byte[checked(width * height * Channels)];
        for (var i = 0; i < pixels.Length; i += Channels)
        {
            pixels[i] = red;
            pixels[i + 1] = green;
            pixels[i + 2] = blue;
        }

        return new RgbImage(width, height, pixels);
    }
}
