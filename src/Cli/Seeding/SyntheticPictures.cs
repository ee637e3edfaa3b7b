using GemPix.Imaging;

namespace GemPix.Cli.Seeding;

/// <summary>Draws a synthetic upload and encodes it as a PNG, as a phone or an editor would hand one in.</summary>
internal static class SyntheticPictures
{
    private static readonly CppnImageModel Model = new();
    private static readonly PngEncoder Encoder = new();

    public static async Task<byte[]> RenderAsync(SyntheticUpload upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var image = upload.Picture switch
        {
            SyntheticPicture.Pattern => await Model.GenerateAsync(new ImageRequest("a holiday snapshot", upload.Width, upload.Height, upload.Seed), cancellationToken),
            _ => Gradient(upload.Width, upload.Height, upload.Seed),
        };
        return Encoder.Encode(image);
    }

    /// <summary>A diagonal blend between two colours taken from the seed's bytes.</summary>
    private static RgbImage Gradient(int width, int height, long seed)
    {
        var colours = BitConverter.GetBytes(seed);
        var pixels = new byte[width * height * RgbImage.Channels];
        var span = Math.Max(1, width + height - 2);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var t = (x + y) / (double)span;
                var at = ((y * width) + x) * RgbImage.Channels;
                for (var c = 0; c < RgbImage.Channels; c++)
                {
                    pixels[at + c] = (byte)Math.Round((colours[c] * (1 - t)) + (colours[c + 3] * t));
                }
            }
        }

        return new RgbImage(width, height, pixels);
    }
}
