namespace GemPix.Imaging;

/// <summary>The colour types of the PNG specification, by their value in IHDR.</summary>
internal enum PngColorType : byte
{
    Greyscale = 0,
    Rgb = 2,
    Palette = 3,
    GreyscaleAlpha = 4,
    Rgba = 6,
}
