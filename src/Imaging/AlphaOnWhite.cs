namespace GemPix.Imaging;

/// <summary>
/// Flattens a colour with alpha onto a white background, which is how the decoder drops transparency: a
/// transparent pixel reads as white, as a viewer on a white page would show it, rather than as whatever colour
/// happened to be stored under alpha 0.
/// </summary>
internal static class AlphaOnWhite
{
    public static byte Composite(byte colour, byte alpha) => (byte)(255 - ((((255 - colour) * alpha) + 127) / 255));

    public static byte Composite16(int colour, int alpha) =>
        SampleScale.FromSixteenBits(65535 - (int)((((long)(65535 - colour) * alpha) + 32767) / 65535));
}
