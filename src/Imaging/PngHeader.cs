using System.Buffers.Binary;

namespace GemPix.Imaging;

/// <summary>The content of the IHDR chunk, with the sizes derived from it.</summary>
internal readonly record struct PngHeader(int Width, int Height, byte BitDepth, PngColorType ColorType, bool Interlaced)
{
    public const int Length = 13;

    public int SamplesPerPixel => ColorType switch
    {
        PngColorType.Greyscale or PngColorType.Palette => 1,
        PngColorType.GreyscaleAlpha => 2,
        PngColorType.Rgb => 3,
        _ => 4,
    };

    public int BitsPerPixel => SamplesPerPixel * BitDepth;

    /// <summary>
    /// How far back the Sub, Average and Paeth filters look: one pixel, but at least one byte, since below eight
    /// bits per pixel the filters work on bytes, not pixels.
    /// </summary>
    public int FilterStride => Math.Max(1, BitsPerPixel / 8);

    /// <summary>Bytes of one row of samples, without the leading filter-type byte.</summary>
    public long RowBytes => (((long)Width * BitsPerPixel) + 7) / 8;

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination, Width);
        BinaryPrimitives.WriteInt32BigEndian(destination[4..], Height);
        destination[8] = BitDepth;
        destination[9] = (byte)ColorType;
        destination[10] = 0; // compression method: deflate, the only one defined
        destination[11] = 0; // filter method: the five adaptive filters, the only one defined
        destination[12] = Interlaced ? (byte)1 : (byte)0;
    }

    public static PngHeader Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length != Length)
        {
            throw new ImageDecodeException($"The IHDR chunk is {data.Length} bytes long instead of {Length}.");
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(data);
        var height = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        if (width is 0 or > int.MaxValue || height is 0 or > int.MaxValue)
        {
            throw new ImageDecodeException($"The PNG declares impossible dimensions {width}×{height}.");
        }

        var bitDepth = data[8];
        var colorType = (PngColorType)data[9];
        if (!IsAllowed(colorType, bitDepth))
        {
            throw new ImageDecodeException($"The PNG declares colour type {data[9]} with bit depth {bitDepth}, which the specification does not allow.");
        }

        if (data[10] != 0 || data[11] != 0)
        {
            throw new ImageDecodeException($"The PNG declares compression method {data[10]} and filter method {data[11]}; only 0 and 0 exist.");
        }

        if (data[12] > 1)
        {
            throw new ImageDecodeException($"The PNG declares interlace method {data[12]}; only 0 and 1 exist.");
        }

        return new PngHeader((int)width, (int)height, bitDepth, colorType, data[12] == 1);
    }

    private static bool IsAllowed(PngColorType colorType, byte bitDepth) => colorType switch
    {
        PngColorType.Greyscale => bitDepth is 1 or 2 or 4 or 8 or 16,
        PngColorType.Palette => bitDepth is 1 or 2 or 4 or 8,
        PngColorType.Rgb or PngColorType.GreyscaleAlpha or PngColorType.Rgba => bitDepth is 8 or 16,
        _ => false,
    };
}
