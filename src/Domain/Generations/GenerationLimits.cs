namespace GemPix.Domain.Generations;

/// <summary>What a generation may ask for, and what it costs.</summary>
public static class GenerationLimits
{
    public const int MaxPromptLength = 2000;
    public const int MinSide = 64;
    public const int MaxLongSide = 3840;
    public const int MaxShortSide = 2160;
    public const long MaxSeed = 1L << 53;

    /// <summary>One credit per started megapixel: a 1024×1024 image costs 2, a 4K image 9.</summary>
    public static int CreditsFor(int width, int height) => (int)(((long)width * height + 999_999) / 1_000_000);

    public static bool AreValidDimensions(int width, int height) =>
        width >= MinSide && height >= MinSide && Math.Max(width, height) <= MaxLongSide && Math.Min(width, height) <= MaxShortSide;

    /// <summary>Which of invalid dimensions is at fault: a side out of range, else the shorter side (too large for 4K).</summary>
    public static string SideAtFault(int width, int height) =>
        width is < MinSide or > MaxLongSide ? "width"
        : height is < MinSide or > MaxLongSide ? "height"
        : width <= height ? "width" : "height";
}
