using System.Buffers.Binary;

namespace GemPix.Imaging;

/// <summary>
/// Converts one unfiltered row of any colour type and bit depth to 8-bit RGB. Alpha (an alpha channel, palette
/// alpha from tRNS, or a tRNS key colour) is composited on white.
/// </summary>
internal sealed class PngSampleConverter
{
    private readonly PngHeader _header;
    private readonly PngPalette? _palette;
    private readonly int[]? _key;

    /// <param name="header">The image's header.</param>
    /// <param name="palette">Required for palette images (with any tRNS alpha applied); ignored otherwise.</param>
    /// <param name="transparency">The tRNS data of a greyscale or RGB image: the one colour that is fully transparent.</param>
    public PngSampleConverter(PngHeader header, PngPalette? palette, ReadOnlySpan<byte> transparency)
    {
        _header = header;
        _palette = palette;
        if (header.ColorType == PngColorType.Palette && palette is null)
        {
            throw new ImageDecodeException("A palette image has no PLTE chunk before its image data.");
        }

        var keySamples = header.ColorType switch
        {
            PngColorType.Greyscale => 1,
            PngColorType.Rgb => 3,
            _ => 0,
        };
        if (keySamples > 0 && !transparency.IsEmpty)
        {
            if (transparency.Length != keySamples * 2)
            {
                throw new ImageDecodeException($"The tRNS chunk of this colour type must have {keySamples * 2} bytes, not {transparency.Length}.");
            }

            _key = new int[keySamples];
            for (var i = 0; i < keySamples; i++)
            {
                _key[i] = BinaryPrimitives.ReadUInt16BigEndian(transparency[(i * 2)..]);
            }
        }
    }

    public void Convert(ReadOnlySpan<byte> row, Span<byte> rgb)
    {
        var width = _header.Width;
        switch (_header.ColorType, _header.BitDepth)
        {
            case (PngColorType.Rgb, 8) when _key is null:
                row.CopyTo(rgb);
                break;
            case (PngColorType.Rgb, _):
                for (var x = 0; x < width; x++)
                {
                    ConvertRgb(row, x, rgb.Slice(x * 3, 3));
                }

                break;
            case (PngColorType.Rgba, _):
                for (var x = 0; x < width; x++)
                {
                    var alpha = Sample(row, (x * 4) + 3);
                    for (var c = 0; c < 3; c++)
                    {
                        rgb[(x * 3) + c] = Composite(Sample(row, (x * 4) + c), alpha);
                    }
                }

                break;
            case (PngColorType.GreyscaleAlpha, _):
                for (var x = 0; x < width; x++)
                {
                    rgb.Slice(x * 3, 3).Fill(Composite(Sample(row, x * 2), Sample(row, (x * 2) + 1)));
                }

                break;
            case (PngColorType.Greyscale, _):
                for (var x = 0; x < width; x++)
                {
                    var grey = PackedSample(row, x);
                    rgb.Slice(x * 3, 3).Fill(_key is not null && grey == _key[0] ? (byte)255 : ToEightBits(grey));
                }

                break;
            default:
                for (var x = 0; x < width; x++)
                {
                    _palette!.Write(PackedSample(row, x), rgb.Slice(x * 3, 3));
                }

                break;
        }
    }

    private void ConvertRgb(ReadOnlySpan<byte> row, int x, Span<byte> pixel)
    {
        int r = Sample(row, x * 3), g = Sample(row, (x * 3) + 1), b = Sample(row, (x * 3) + 2);
        if (_key is not null && r == _key[0] && g == _key[1] && b == _key[2])
        {
            pixel.Fill(255);
            return;
        }

        pixel[0] = ToEightBits(r);
        pixel[1] = ToEightBits(g);
        pixel[2] = ToEightBits(b);
    }

    /// <summary>Sample <paramref name="index"/> of an 8 or 16-bit row, at its own depth.</summary>
    private int Sample(ReadOnlySpan<byte> row, int index) =>
        _header.BitDepth == 16 ? BinaryPrimitives.ReadUInt16BigEndian(row[(index * 2)..]) : row[index];

    /// <summary>The single sample of pixel <paramref name="x"/> in a greyscale or palette row of any depth.</summary>
    private int PackedSample(ReadOnlySpan<byte> row, int x)
    {
        var depth = _header.BitDepth;
        if (depth >= 8)
        {
            return Sample(row, x);
        }

        // Pixels fill each byte from its most significant bit.
        var bit = x * depth;
        return (row[bit >> 3] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
    }

    private byte ToEightBits(int sample) => _header.BitDepth switch
    {
        8 => (byte)sample,
        16 => SampleScale.FromSixteenBits(sample),
        _ => SampleScale.FromLowBitDepth(sample, _header.BitDepth),
    };

    private byte Composite(int colour, int alpha) =>
        _header.BitDepth == 16 ? AlphaOnWhite.Composite16(colour, alpha) : AlphaOnWhite.Composite((byte)colour, (byte)alpha);
}
