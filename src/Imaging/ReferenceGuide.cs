namespace GemPix.Imaging;

/// <summary>
/// A reference image resized to the output (box-averaged down or interpolated up), read per pixel as the inputs
/// and colours that condition a CPPN image on it.
/// </summary>
internal sealed class ReferenceGuide(RgbImage resized)
{
    public static async Task<ReferenceGuide> CreateAsync(RgbImage reference, int width, int height, CancellationToken cancellationToken) =>
        new(await ImageResizer.ResizeAsync(reference, width, height, cancellationToken).ConfigureAwait(false));

    /// <summary>Luma in [0, 1].</summary>
    public float Luma(int x, int y)
    {
        var pixel = resized.Pixels.Slice(((y * resized.Width) + x) * 3, 3);
        return ((0.299f * pixel[0]) + (0.587f * pixel[1]) + (0.114f * pixel[2])) * (1f / 255f);
    }

    /// <summary>How sharply luma changes around the pixel (central differences, clamped at the borders), about 0 to 1.</summary>
    public float Edge(int x, int y)
    {
        var horizontal = Luma(Math.Min(x + 1, resized.Width - 1), y) - Luma(Math.Max(x - 1, 0), y);
        var vertical = Luma(x, Math.Min(y + 1, resized.Height - 1)) - Luma(x, Math.Max(y - 1, 0));
        return Math.Min(Math.Abs(horizontal) + Math.Abs(vertical), 1f);
    }

    /// <summary>The pixel's colour, 0 to 255 per channel.</summary>
    public void Colour(int x, int y, Span<float> rgb)
    {
        var pixel = resized.Pixels.Slice(((y * resized.Width) + x) * 3, 3);
        rgb[0] = pixel[0];
        rgb[1] = pixel[1];
        rgb[2] = pixel[2];
    }
}
