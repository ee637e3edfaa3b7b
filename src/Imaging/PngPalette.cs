namespace GemPix.Imaging;

/// <summary>
/// A PLTE chunk's colours, with the alpha of each entry from tRNS (opaque where tRNS says nothing), already
/// composited on white: a palette image then converts with one lookup per pixel.
/// </summary>
internal sealed class PngPalette
{
    private readonly byte[] _rgb;

    private PngPalette(byte[] rgb) => _rgb = rgb;

    public int Count => _rgb.Length / 3;

    public static PngPalette Parse(ReadOnlySpan<byte> plte, int bitDepth)
    {
        var count = plte.Length / 3;
        if (plte.Length % 3 != 0 || count == 0 || count > 1 << bitDepth)
        {
            throw new ImageDecodeException($"The PLTE chunk has {plte.Length} bytes: not 1 to {1 << bitDepth} three-byte entries.");
        }

        return new PngPalette(plte.ToArray());
    }

    public PngPalette WithAlpha(ReadOnlySpan<byte> trns)
    {
        if (trns.Length > Count)
        {
            throw new ImageDecodeException($"The tRNS chunk has {trns.Length} alpha values for a palette of {Count}.");
        }

        var rgb = (byte[])_rgb.Clone();
        for (var i = 0; i < trns.Length; i++)
        {
            for (var channel = 0; channel < 3; channel++)
            {
                rgb[(i * 3) + channel] = AlphaOnWhite.Composite(rgb[(i * 3) + channel], trns[i]);
            }
        }

        return new PngPalette(rgb);
    }

    public void Write(int index, Span<byte> destination)
    {
        if (index >= Count)
        {
            throw new ImageDecodeException($"A pixel uses palette entry {index}, but the palette has {Count}.");
        }

        _rgb.AsSpan(index * 3, 3).CopyTo(destination);
    }
}
