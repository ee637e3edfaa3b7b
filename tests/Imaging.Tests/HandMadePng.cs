using System.Buffers.Binary;

namespace GemPix.Imaging.Tests;

/// <summary>
/// Builds PNGs of any colour type and bit depth from raw scanline samples, filtering each row with a given filter
/// by its own small implementation and compressing with stored blocks, so decoder tests do not lean on the encoder.
/// </summary>
internal sealed class HandMadePng(int width, int height, byte bitDepth, byte colorType)
{
    private readonly List<(string Type, byte[] Data)> _beforeData = [];

    public bool Interlaced { get; init; }

    public int BitsPerPixel => bitDepth * colorType switch
    {
        0 or 3 => 1,
        4 => 2,
        2 => 3,
        _ => 4,
    };

    public int RowBytes => ((width * BitsPerPixel) + 7) / 8;

    public HandMadePng With(string type, byte[] data)
    {
        _beforeData.Add((type, data));
        return this;
    }

    public byte[] Header()
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = bitDepth;
        ihdr[9] = colorType;
        ihdr[12] = Interlaced ? (byte)1 : (byte)0;
        return ihdr;
    }

    /// <param name="rows">Unfiltered rows of <see cref="RowBytes"/> bytes each.</param>
    /// <param name="filterForRow">The filter type (0 to 4) for each row.</param>
    public byte[] Build(byte[][] rows, Func<int, byte> filterForRow)
    {
        var stride = Math.Max(1, BitsPerPixel / 8);
        var raw = new List<byte>();
        var prior = new byte[RowBytes];
        for (var y = 0; y < height; y++)
        {
            var filter = filterForRow(y);
            raw.Add(filter);
            raw.AddRange(Filter(filter, rows[y], prior, stride));
            prior = rows[y];
        }

        var chunks = new List<(string, byte[])> { ("IHDR", Header()) };
        chunks.AddRange(_beforeData);
        chunks.Add(("IDAT", StoredZlib.Wrap(raw.ToArray())));
        chunks.Add(("IEND", []));
        return new PngChunkList(chunks).ToBytes();
    }

    public byte[] Build(byte[][] rows) => Build(rows, y => (byte)(y % 5));

    private static byte[] Filter(byte type, byte[] row, byte[] prior, int stride)
    {
        var output = new byte[row.Length];
        for (var i = 0; i < row.Length; i++)
        {
            int a = i >= stride ? row[i - stride] : 0;
            int b = prior[i];
            int c = i >= stride ? prior[i - stride] : 0;
            var prediction = type switch
            {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) / 2,
                _ => PaethPredictor(a, b, c),
            };
            output[i] = unchecked((byte)(row[i] - prediction));
        }

        return output;
    }

    private static int PaethPredictor(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
