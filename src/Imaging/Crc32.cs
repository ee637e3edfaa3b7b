namespace GemPix.Imaging;

/// <summary>
/// CRC-32 as PNG (and zip, gzip, Ethernet) define it: the reflected polynomial 0xEDB88320, initial value and final
/// XOR 0xFFFFFFFF. <c>"123456789"</c> gives <c>0xCBF43926</c>.
/// </summary>
public static class Crc32
{
    /// <summary>The running value before any byte; feed it to <see cref="Append"/>, then <see cref="Finish"/>.</summary>
    public const uint Start = 0xFFFFFFFFu;

    private const uint ReflectedPolynomial = 0xEDB88320u;

    // Eight tables let the loop consume eight bytes per step ("slicing by eight"): PNG writing and reading check
    // every IDAT byte, so the CRC would otherwise cost as much as the compression.
    private static readonly uint[][] Tables = BuildTables();

    /// <summary>The CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Append(Start, data));

    /// <summary>Continues a running CRC over more bytes.</summary>
    public static uint Append(uint running, ReadOnlySpan<byte> data)
    {
        var crc = running;
        var t0 = Tables[0];
        var t1 = Tables[1];
        var t2 = Tables[2];
        var t3 = Tables[3];
        var t4 = Tables[4];
        var t5 = Tables[5];
        var t6 = Tables[6];
        var t7 = Tables[7];
        var i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            var low = crc ^ (uint)(data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
            crc = t7[low & 0xFF] ^ t6[(low >> 8) & 0xFF] ^ t5[(low >> 16) & 0xFF] ^ t4[low >> 24]
                ^ t3[data[i + 4]] ^ t2[data[i + 5]] ^ t1[data[i + 6]] ^ t0[data[i + 7]];
        }

        for (; i < data.Length; i++)
        {
            crc = t0[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    /// <summary>The CRC of everything appended so far.</summary>
    public static uint Finish(uint running) => running ^ 0xFFFFFFFFu;

    private static uint[][] BuildTables()
    {
        var tables = new uint[8][];
        tables[0] = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? ReflectedPolynomial ^ (c >> 1) : c >> 1;
            }

            tables[0][n] = c;
        }

        // Table k advances a byte that still has k zero bytes behind it.
        for (var k = 1; k < 8; k++)
        {
            tables[k] = new uint[256];
            for (var n = 0; n < 256; n++)
            {
                var previous = tables[k - 1][n];
                tables[k][n] = tables[0][previous & 0xFF] ^ (previous >> 8);
            }
        }

        return tables;
    }
}
