namespace GemPix.Imaging;

/// <summary>Rescales samples of other bit depths to 8 bits, so that black stays 0 and full intensity becomes 255.</summary>
internal static class SampleScale
{
    /// <summary>Rounds to nearest rather than keeping the high byte, which would darken every value slightly.</summary>
    public static byte FromSixteenBits(int sample) => (byte)(((sample * 255L) + 32767) / 65535);

    /// <summary>1, 2 and 4-bit samples: 1 becomes 255, 3 of 2 bits 255, 15 of 4 bits 255.</summary>
    public static byte FromLowBitDepth(int sample, int bitDepth) => (byte)(sample * 255 / ((1 << bitDepth) - 1));
}
