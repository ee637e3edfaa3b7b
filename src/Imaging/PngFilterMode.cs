namespace GemPix.Imaging;

/// <summary>
/// How the encoder filters each row before compression. The first five are the PNG filter types, with their
/// values in the file; <see cref="Adaptive"/> tries all five on every row and keeps the one whose bytes, read as
/// signed numbers, have the smallest sum of absolute values: the heuristic the PNG specification recommends.
/// </summary>
public enum PngFilterMode
{
    None = 0,
    Sub = 1,
    Up = 2,
    Average = 3,
    Paeth = 4,
    Adaptive = 5,
}
