namespace GemPix.Imaging;

/// <summary>
/// The five PNG row filters and their inverses. Each predicts a byte from its left neighbour (a), the byte above
/// (b) and the one above-left (c), one <c>stride</c> (one pixel, or one byte below eight bits per pixel) back;
/// outside the image those are zero, so the first row is filtered against a row of zeros.
/// </summary>
internal static class PngRowFilter
{
    public static void Apply(PngFilterMode filter, ReadOnlySpan<byte> row, ReadOnlySpan<byte> prior, int stride, Span<byte> destination)
    {
        switch (filter)
        {
            case PngFilterMode.None:
                row.CopyTo(destination);
                break;
            case PngFilterMode.Sub:
                for (var i = 0; i < row.Length; i++)
                {
                    destination[i] = (byte)(row[i] - Left(row, i, stride));
                }

                break;
            case PngFilterMode.Up:
                for (var i = 0; i < row.Length; i++)
                {
                    destination[i] = (byte)(row[i] - prior[i]);
                }

                break;
            case PngFilterMode.Average:
                for (var i = 0; i < row.Length; i++)
                {
                    destination[i] = (byte)(row[i] - ((Left(row, i, stride) + prior[i]) >> 1));
                }

                break;
            case PngFilterMode.Paeth:
                for (var i = 0; i < row.Length; i++)
                {
                    destination[i] = (byte)(row[i] - Paeth(Left(row, i, stride), prior[i], Left(prior, i, stride)));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(filter), filter, "Only the five PNG filter types can be applied.");
        }
    }

    /// <summary>Undoes filter <paramref name="filterType"/> on <paramref name="row"/> in place.</summary>
    public static void Reverse(byte filterType, Span<byte> row, ReadOnlySpan<byte> prior, int stride)
    {
        switch (filterType)
        {
            case 0:
                break;
            case 1:
                for (var i = stride; i < row.Length; i++)
                {
                    row[i] += row[i - stride];
                }

                break;
            case 2:
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] += prior[i];
                }

                break;
            case 3:
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] += (byte)((Left(row, i, stride) + prior[i]) >> 1);
                }

                break;
            case 4:
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] += Paeth(Left(row, i, stride), prior[i], Left(prior, i, stride));
                }

                break;
            default:
                throw new ImageDecodeException($"A row declares filter type {filterType}; only 0 to 4 exist.");
        }
    }

    /// <summary>The sum of the bytes' magnitudes as signed numbers: smaller usually compresses better.</summary>
    public static long Cost(ReadOnlySpan<byte> filtered)
    {
        long sum = 0;
        foreach (var b in filtered)
        {
            sum += Math.Abs((int)(sbyte)b);
        }

        return sum;
    }

    /// <summary>Whichever of a, b, c is closest to a + b - c, preferring a, then b.</summary>
    public static byte Paeth(byte a, byte b, byte c)
    {
        var estimate = a + b - c;
        var da = Math.Abs(estimate - a);
        var db = Math.Abs(estimate - b);
        var dc = Math.Abs(estimate - c);
        if (da <= db && da <= dc)
        {
            return a;
        }

        return db <= dc ? b : c;
    }

    private static byte Left(ReadOnlySpan<byte> row, int i, int stride) => i >= stride ? row[i - stride] : (byte)0;
}
