namespace GemPix.Imaging.Tests;

/// <summary>Images built pixel by pixel for tests, and a resize of the tests' own.</summary>
internal static class TestImages
{
    /// <summary>Smooth ramps in red and green, a pattern in blue, and some pseudo-random noise: every filter has work to do.</summary>
    public static RgbImage Varied(int width, int height, int seed = 1)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 3;
                pixels[i] = (byte)(x * 255 / Math.Max(1, width - 1));
                pixels[i + 1] = (byte)(y * 255 / Math.Max(1, height - 1));
                pixels[i + 2] = (byte)(((x / 3) + (y / 2)) % 2 == 0 ? random.Next(200, 256) : random.Next(0, 40));
            }
        }

        return new RgbImage(width, height, pixels);
    }

    public static RgbaImage WithAlpha(int width, int height)
    {
        var pixels = new byte[width * height * 4];
        for (var i = 0; i < width * height; i++)
        {
            pixels[i * 4] = (byte)(i * 7);
            pixels[(i * 4) + 1] = (byte)(i * 13);
            pixels[(i * 4) + 2] = (byte)(i * 29);
            pixels[(i * 4) + 3] = (byte)(i * 37);
        }

        return new RgbaImage(width, height, pixels);
    }

    /// <summary>Half the size, each pixel the mean of a 2×2 block: an independent resize for fingerprint tests.</summary>
    public static RgbImage HalfSize(RgbImage image)
    {
        int width = image.Width / 2, height = image.Height / 2;
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    var sum = image.Row(2 * y)[(2 * x * 3) + c] + image.Row(2 * y)[(((2 * x) + 1) * 3) + c]
                        + image.Row((2 * y) + 1)[(2 * x * 3) + c] + image.Row((2 * y) + 1)[(((2 * x) + 1) * 3) + c];
                    pixels[(((y * width) + x) * 3) + c] = (byte)((sum + 2) / 4);
                }
            }
        }

        return new RgbImage(width, height, pixels);
    }
}
