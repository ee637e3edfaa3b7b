using System.Globalization;
using System.Numerics;

namespace GemPix.Imaging;

/// <summary>
/// A 64-bit perceptual fingerprint (dHash): the image's luma is averaged down to 9×8 cells (a box filter over
/// every pixel, so re-encoding, metadata changes and moderate resizing barely move it), and each bit says whether a
/// cell is brighter than its right-hand neighbour. Similar images have fingerprints a small Hamming distance apart.
/// </summary>
/// <remarks>Bit 63 compares the top row's first two cells; bits follow row by row, left to right.</remarks>
public readonly record struct DifferenceHash(ulong Value)
{
    public const int Columns = 9;
    public const int Rows = 8;

    public static DifferenceHash Compute(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var cells = ImageResizer.ResizeToFloats(image, Columns, Rows);
        ulong value = 0;
        for (var y = 0; y < Rows; y++)
        {
            for (var x = 0; x < Columns - 1; x++)
            {
                var left = Luma(cells, (y * Columns) + x);
                var right = Luma(cells, (y * Columns) + x + 1);
                value = (value << 1) | (left > right ? 1ul : 0ul);
            }
        }

        return new DifferenceHash(value);
    }

    /// <summary>How many of the 64 bits differ: 0 for the same picture, about 32 for unrelated ones.</summary>
    public static int Distance(DifferenceHash a, DifferenceHash b) => BitOperations.PopCount(a.Value ^ b.Value);

    public int DistanceTo(DifferenceHash other) => Distance(this, other);

    /// <summary>16 lowercase hexadecimal digits.</summary>
    public override string ToString() => Value.ToString("x16", CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DifferenceHash hash)
    {
        hash = default;
        if (text is not { Length: 16 } || !ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        hash = new DifferenceHash(value);
        return true;
    }

    public static DifferenceHash Parse(string text) =>
        TryParse(text, out var hash) ? hash : throw new FormatException("A difference hash is 16 hexadecimal digits.");

    // BT.601 luma weights, as on the gamma-encoded values: what "brightness" means to most fingerprinting tools.
    private static float Luma(float[] rgb, int cell) =>
        (0.299f * rgb[cell * 3]) + (0.587f * rgb[(cell * 3) + 1]) + (0.114f * rgb[(cell * 3) + 2]);
}
