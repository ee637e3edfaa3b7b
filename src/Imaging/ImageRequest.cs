namespace GemPix.Imaging;

/// <summary>
/// What an <see cref="IImageModel"/> is asked for: a prompt, the output size, a seed that makes the result
/// reproducible, and optionally a reference image whose composition and colours the result should follow.
/// </summary>
public sealed record ImageRequest
{
    /// <summary>The longest side a model is asked for: 8K.</summary>
    public const int MaxSide = 8192;

    /// <summary>The most pixels a model is asked for: 8K by 4K.</summary>
    public const long MaxPixels = 8192L * 4096;

    public ImageRequest(string prompt, int width, int height, long seed, RgbImage? reference = null)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, MaxSide);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, MaxSide);
        if ((long)width * height > MaxPixels)
        {
            throw new ArgumentOutOfRangeException(nameof(height), $"{width}×{height} is more than {MaxPixels} pixels.");
        }

        Prompt = prompt;
        Width = width;
        Height = height;
        Seed = seed;
        Reference = reference;
    }

    public string Prompt { get; }

    public int Width { get; }

    public int Height { get; }

    public long Seed { get; }

    public RgbImage? Reference { get; }
}
