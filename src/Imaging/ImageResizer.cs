namespace GemPix.Imaging;

/// <summary>
/// Resizes images separably with <see cref="ResampleAxis"/> weights: each destination row is first blended
/// vertically from its source rows at full width, then horizontally, so the only buffer beyond the result is one
/// row of floats per worker.
/// </summary>
internal static class ImageResizer
{
    public static async Task<RgbImage> ResizeAsync(RgbImage source, int width, int height, CancellationToken cancellationToken)
    {
        if (source.Width == width && source.Height == height)
        {
            return source;
        }

        var columns = ResampleAxis.Create(source.Width, width);
        var rows = ResampleAxis.Create(source.Height, height);
        var pixels = new byte[checked(width * height * RgbImage.Channels)];
        await ParallelRows.RunAsync(
            height,
            () =>
            {
                var vertical = new float[source.Width * RgbImage.Channels];
                var row = new float[width * RgbImage.Channels];
                return y =>
                {
                    ResampleRow(source, columns, rows, y, vertical, row);
                    var destination = pixels.AsSpan(y * width * RgbImage.Channels, width * RgbImage.Channels);
                    for (var i = 0; i < destination.Length; i++)
                    {
                        destination[i] = (byte)Math.Clamp((int)(row[i] + 0.5f), 0, 255);
                    }
                };
            },
            cancellationToken).ConfigureAwait(false);
        return new RgbImage(width, height, pixels);
    }

    /// <summary>The resized image as unrounded floats (RGB interleaved, 0 to 255): for small results such as fingerprints.</summary>
    public static float[] ResizeToFloats(RgbImage source, int width, int height)
    {
        var columns = ResampleAxis.Create(source.Width, width);
        var rows = ResampleAxis.Create(source.Height, height);
        var result = new float[width * height * RgbImage.Channels];
        var vertical = new float[source.Width * RgbImage.Channels];
        for (var y = 0; y < height; y++)
        {
            ResampleRow(source, columns, rows, y, vertical, result.AsSpan(y * width * RgbImage.Channels, width * RgbImage.Channels));
        }

        return result;
    }

    private static void ResampleRow(RgbImage source, ResampleAxis columns, ResampleAxis rows, int y, Span<float> vertical, Span<float> destination)
    {
        vertical.Clear();
        var rowWeights = rows.Weights(y);
        for (var k = 0; k < rowWeights.Length; k++)
        {
            var weight = rowWeights[k];
            var sourceRow = source.Row(rows.Start(y) + k);
            for (var i = 0; i < sourceRow.Length; i++)
            {
                vertical[i] += sourceRow[i] * weight;
            }
        }

        for (var x = 0; x < columns.Length; x++)
        {
            float r = 0, g = 0, b = 0;
            var columnWeights = columns.Weights(x);
            var offset = columns.Start(x) * RgbImage.Channels;
            for (var k = 0; k < columnWeights.Length; k++, offset += RgbImage.Channels)
            {
                var weight = columnWeights[k];
                r += vertical[offset] * weight;
                g += vertical[offset + 1] * weight;
                b += vertical[offset + 2] * weight;
            }

            destination[x * RgbImage.Channels] = r;
            destination[(x * RgbImage.Channels) + 1] = g;
            destination[(x * RgbImage.Channels) + 2] = b;
        }
    }
}
