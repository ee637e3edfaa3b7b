using System.IO.Compression;

namespace GemPix.Imaging;

/// <summary>
/// Inflates the image data, unfilters it row by row and converts each row to RGB. It asks the decompressor for
/// exactly the bytes the header promises, so a stream that inflates to more is never inflated further.
/// </summary>
internal static class PngScanlineReader
{
    public static RgbImage Read(Stream compressed, PngHeader header, PngSampleConverter converter)
    {
        var rowBytes = (int)header.RowBytes;
        var scanline = new byte[rowBytes + 1];
        var prior = new byte[rowBytes];
        var pixels = new byte[(long)header.Width * header.Height * RgbImage.Channels];
        var rgbRowBytes = header.Width * RgbImage.Channels;

        using var zlib = new ZLibStream(compressed, CompressionMode.Decompress, leaveOpen: true);
        try
        {
            for (var y = 0; y < header.Height; y++)
            {
                zlib.ReadExactly(scanline);
                var row = scanline.AsSpan(1);
                PngRowFilter.Reverse(scanline[0], row, prior, header.FilterStride);
                converter.Convert(row, pixels.AsSpan(y * rgbRowBytes, rgbRowBytes));
                row.CopyTo(prior);
            }
        }
        catch (EndOfStreamException e)
        {
            throw new ImageDecodeException("The image data ends before the last row.", e);
        }
        catch (InvalidDataException e)
        {
            throw new ImageDecodeException("The image data is corrupted: it is not a valid zlib stream.", e);
        }

        return new RgbImage(header.Width, header.Height, pixels);
    }
}
