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

    /// <summary>A soft "photograph": a tinted gradient with a few coloured blobs, different for every seed.</summary>
    public static RgbImage Scene(int width, int height, int seed)
    {
        var random = new Random(seed);
        var blobs = Enumerable.Range(0, 6).Select(_ => (
            X: random.NextDouble() * width, Y: random.NextDouble() * height, Radius: (0.1 + (random.NextDouble() * 0.3)) * width,
            Colour: new[] { random.Next(256), random.Next(256), random.Next(256) })).ToList();
        var angle = random.NextDouble() * Math.PI * 2;
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var ramp = 0.5 + (0.5 * (((x - (width / 2.0)) * Math.Cos(angle)) + ((y - (height / 2.0)) * Math.Sin(angle))) / width);
                var colour = new[] { 40 + (160 * ramp), 60 + (120 * ramp), 90 + (100 * ramp) };
                foreach (var blob in blobs)
                {
                    var d2 = (Math.Pow(x - blob.X, 2) + Math.Pow(y - blob.Y, 2)) / (blob.Radius * blob.Radius);
                    var weight = Math.Exp(-d2 * 2);
                    for (var c = 0; c < 3; c++)
                    {
                        colour[c] += (blob.Colour[c] - colour[c]) * weight;
                    }
                }

                for (var c = 0; c < 3; c++)
                {
                    pixels[(((y * width) + x) * 3) + c] = (byte)Math.Clamp(Math.Round(colour[c]), 0, 255);
                }
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
