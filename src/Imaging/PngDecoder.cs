namespace GemPix.Imaging;

/// <summary>
/// Reads non-interlaced PNGs of every colour type and bit depth into 8-bit <see cref="RgbImage"/>s: greyscale
/// (1 to 16 bits), greyscale with alpha, RGB, RGBA, palette (1 to 8 bits), with tRNS transparency. Alpha is
/// composited on white (a transparent pixel reads as white); 16-bit samples are rounded to 8 bits. Every chunk's
/// CRC is checked. Adam7-interlaced images are refused.
/// </summary>
/// <remarks>
/// An image declaring more than <see cref="MaxPixels"/> pixels is refused as soon as its header is read, before
/// anything is inflated or allocated for it; and the decompressor is never asked for more bytes than the header
/// implies, so a small file that inflates to gigabytes costs no more than an honest one of the same dimensions.
/// </remarks>
public sealed class PngDecoder
{
    /// <summary>The default limit: a little over 8K by 4K, as for uploads.</summary>
    public const long DefaultMaxPixels = 40_000_000;

    /// <summary>The longest PLTE (256 entries) or tRNS (256 alphas) chunk.</summary>
    private const int MaxPaletteChunkBytes = 768;

    public PngDecoder(long maxPixels = DefaultMaxPixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPixels);
        MaxPixels = maxPixels;
    }

    public long MaxPixels { get; }

    /// <exception cref="ImageDecodeException">The PNG is malformed, truncated, corrupted, interlaced or too large.</exception>
    public RgbImage Decode(ReadOnlySpan<byte> png)
    {
        using var stream = new MemoryStream(png.ToArray(), writable: false);
        return Decode(stream);
    }

    /// <summary>Decodes the PNG that starts at the stream's position, reading up to and including IEND.</summary>
    /// <exception cref="ImageDecodeException">The PNG is malformed, truncated, corrupted, interlaced or too large.</exception>
    public RgbImage Decode(Stream png)
    {
        ArgumentNullException.ThrowIfNull(png);
        var chunks = new PngChunkReader(png);
        var header = ReadHeader(chunks);
        if (header.Interlaced)
        {
            throw new ImageDecodeException("The PNG is Adam7-interlaced, which this decoder does not read.");
        }

        if ((long)header.Width * header.Height > MaxPixels)
        {
            throw new ImageDecodeException($"The PNG declares {header.Width}×{header.Height} pixels, more than the limit of {MaxPixels}.");
        }

        if (header.RowBytes >= int.MaxValue || (long)header.Width * header.Height * RgbImage.Channels > Array.MaxLength)
        {
            throw new ImageDecodeException($"The PNG's {header.Width}×{header.Height} pixels do not fit in one image buffer.");
        }

        PngPalette? palette = null;
        byte[] transparency = [];
        RgbImage? image = null;
        var type = chunks.ReadHeader();
        while (type != PngChunkType.End)
        {
            if (type == PngChunkType.Data)
            {
                if (image is not null)
                {
                    throw new ImageDecodeException("The PNG's IDAT chunks are not consecutive.");
                }

                if (palette is not null && transparency.Length > 0)
                {
                    palette = palette.WithAlpha(transparency);
                }

                var converter = new PngSampleConverter(header, palette, transparency);
                var data = new IdatReadStream(chunks);
                image = PngScanlineReader.Read(data, header, converter);
                type = data.Finish();
                continue;
            }

            if (type == PngChunkType.Palette && header.ColorType == PngColorType.Palette)
            {
                palette = PngPalette.Parse(chunks.ReadAllData(MaxPaletteChunkBytes), header.BitDepth);
            }
            else if (type == PngChunkType.Transparency && image is null)
            {
                transparency = chunks.ReadAllData(MaxPaletteChunkBytes);
            }
            else if (type.IsCritical && type != PngChunkType.Palette)
            {
                throw new ImageDecodeException($"The PNG has a critical chunk {type} that this decoder does not know.");
            }
            else
            {
                chunks.SkipData();
            }

            type = chunks.ReadHeader();
        }

        chunks.SkipData();
        return image ?? throw new ImageDecodeException("The PNG has no IDAT chunk.");
    }

    /// <summary>The text (tEXt, zTXt, iTXt) of a PNG, without decoding its pixels. Unreadable text chunks are left out.</summary>
    /// <exception cref="ImageDecodeException">The PNG itself is malformed, truncated or corrupted.</exception>
    public static IReadOnlyList<PngText> ReadText(ReadOnlySpan<byte> png)
    {
        using var stream = new MemoryStream(png.ToArray(), writable: false);
        return ReadText(stream);
    }

    /// <inheritdoc cref="ReadText(ReadOnlySpan{byte})"/>
    public static IReadOnlyList<PngText> ReadText(Stream png)
    {
        ArgumentNullException.ThrowIfNull(png);
        var chunks = new PngChunkReader(png);
        ReadHeader(chunks);
        var texts = new List<PngText>();
        PngChunkType type;
        while ((type = chunks.ReadHeader()) != PngChunkType.End)
        {
            if (type.IsText && chunks.Remaining <= PngTextChunk.MaxTextBytes + PngText.MaxKeywordLength + 5)
            {
                var text = PngTextChunk.TryDecode(type, chunks.ReadAllData(int.MaxValue));
                if (text is not null)
                {
                    texts.Add(text);
                }
            }
            else
            {
                chunks.SkipData();
            }
        }

        chunks.SkipData();
        return texts;
    }

    private static PngHeader ReadHeader(PngChunkReader chunks)
    {
        chunks.ReadSignature();
        if (chunks.ReadHeader() != PngChunkType.Header)
        {
            throw new ImageDecodeException("The PNG does not start with an IHDR chunk.");
        }

        return PngHeader.Parse(chunks.ReadAllData(PngHeader.Length));
    }
}
