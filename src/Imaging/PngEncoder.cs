using System.IO.Compression;

namespace GemPix.Imaging;

/// <summary>
/// Writes 8-bit RGB (colour type 2) and RGBA (colour type 6) PNGs, non-interlaced: signature, IHDR, any text as
/// iTXt chunks, the pixels as IDAT chunks of at most 64 KiB, IEND. Rows are filtered and compressed one at a
/// time, so memory beyond the image itself is a few rows and one chunk, whatever the image's size.
/// </summary>
public sealed class PngEncoder(PngEncoderOptions? options = null)
{
    private readonly PngEncoderOptions _options = options ?? PngEncoderOptions.Default;

    public byte[] Encode(RgbImage image, IEnumerable<PngText>? text = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        return EncodeToArray(Header(image.Width, image.Height, PngColorType.Rgb), image.PixelMemory, text);
    }

    public byte[] Encode(RgbaImage image, IEnumerable<PngText>? text = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        return EncodeToArray(Header(image.Width, image.Height, PngColorType.Rgba), image.PixelMemory, text);
    }

    public Task EncodeAsync(RgbImage image, Stream destination, IEnumerable<PngText>? text = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(destination);
        return WriteAsync(Header(image.Width, image.Height, PngColorType.Rgb), image.PixelMemory, text, destination, cancellationToken);
    }

    public Task EncodeAsync(RgbaImage image, Stream destination, IEnumerable<PngText>? text = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(destination);
        return WriteAsync(Header(image.Width, image.Height, PngColorType.Rgba), image.PixelMemory, text, destination, cancellationToken);
    }

    private static PngHeader Header(int width, int height, PngColorType colorType) => new(width, height, 8, colorType, Interlaced: false);

    private byte[] EncodeToArray(PngHeader header, ReadOnlyMemory<byte> pixels, IEnumerable<PngText>? text)
    {
        using var output = new MemoryStream();
        // Every write lands in a MemoryStream and the compressor adds no awaits of its own, so the task has
        // completed by the time it returns: one code path for both forms, without blocking on anything.
        var writing = WriteAsync(header, pixels, text, output, CancellationToken.None);
        writing.GetAwaiter().GetResult();
        return output.ToArray();
    }

    private async Task WriteAsync(PngHeader header, ReadOnlyMemory<byte> pixels, IEnumerable<PngText>? text, Stream destination, CancellationToken cancellationToken)
    {
        var textChunks = (text ?? []).Select(t => PngChunkFrame.Create(PngChunkType.InternationalText, PngTextChunk.EncodeInternational(t))).ToList();

        await destination.WriteAsync(StartOfFile(header), cancellationToken).ConfigureAwait(false);
        foreach (var chunk in textChunks)
        {
            await destination.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
        }

        var idat = new IdatWriteStream(destination);
        var zlib = new ZLibStream(idat, _options.Compression, leaveOpen: true);
        await using (zlib.ConfigureAwait(false))
        {
            var rows = new PngRowWriter(header, _options.Filter);
            for (var y = 0; y < header.Height; y++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await zlib.WriteAsync(rows.Filter(pixels.Span, y), cancellationToken).ConfigureAwait(false);
            }
        }

        await idat.CompleteAsync(cancellationToken).ConfigureAwait(false);
        await destination.WriteAsync(PngChunkFrame.Create(PngChunkType.End, []), cancellationToken).ConfigureAwait(false);
    }

    private static byte[] StartOfFile(PngHeader header)
    {
        Span<byte> ihdr = stackalloc byte[PngHeader.Length];
        header.WriteTo(ihdr);
        var headerChunk = PngChunkFrame.Create(PngChunkType.Header, ihdr);
        return [.. PngSignature.Bytes, .. headerChunk];
    }
}
