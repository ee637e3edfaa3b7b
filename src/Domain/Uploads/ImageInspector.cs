using System.Buffers.Binary;

namespace GemPix.Domain.Uploads;

/// <summary>
/// Recognises PNG and JPEG by their magic bytes and reads their dimensions from the header alone, so a
/// decompression bomb is refused before anything is decoded.
/// </summary>
public static class ImageInspector
{
    /// <summary>The largest upload, in bytes (20 MiB).</summary>
    public const int MaxBytes = 20 * 1024 * 1024;

    /// <summary>The most pixels an image may declare: a little over 8K by 4K.</summary>
    public const long MaxPixels = 40_000_000;

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static ImageInspection Inspect(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(PngSignature))
        {
            return InspectPng(content);
        }

        return content.Length >= 3 && content[0] == 0xFF && content[1] == 0xD8 && content[2] == 0xFF
            ? InspectJpeg(content)
            : new ImageInspection.UnsupportedType();
    }

    private static ImageInspection InspectPng(ReadOnlySpan<byte> content)
    {
        // The first chunk must be IHDR: length 13, then width and height as big-endian 31-bit integers.
        if (content.Length < 33 || !content.Slice(12, 4).SequenceEqual("IHDR"u8) || BinaryPrimitives.ReadUInt32BigEndian(content.Slice(8, 4)) != 13)
        {
            return new ImageInspection.Malformed("The PNG does not start with a valid IHDR chunk.");
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(content.Slice(16, 4));
        var height = BinaryPrimitives.ReadUInt32BigEndian(content.Slice(20, 4));
        return Sized(ImageFormat.Png, width, height);
    }

    private static ImageInspection InspectJpeg(ReadOnlySpan<byte> content)
    {
        var i = 2;
        while (i + 4 <= content.Length)
        {
            if (content[i] != 0xFF)
            {
                return new ImageInspection.Malformed("The JPEG has a marker out of place.");
            }

            var marker = content[i + 1];
            if (marker == 0xFF)
            {
                i++; // fill byte
                continue;
            }

            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                i += 2; // markers without a length
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(content.Slice(i + 2, 2));
            if (length < 2 || i + 2 + length > content.Length)
            {
                return new ImageInspection.Malformed("The JPEG is truncated.");
            }

            // Start-of-frame markers (all but DHT C4, JPG C8 and DAC CC) carry the dimensions.
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (length < 7)
                {
                    return new ImageInspection.Malformed("The JPEG frame header is too short.");
                }

                var height = BinaryPrimitives.ReadUInt16BigEndian(content.Slice(i + 5, 2));
                var width = BinaryPrimitives.ReadUInt16BigEndian(content.Slice(i + 7, 2));
                return Sized(ImageFormat.Jpeg, width, height);
            }

            if (marker == 0xDA)
            {
                break; // Image data started before any frame header.
            }

            i += 2 + length;
        }

        return new ImageInspection.Malformed("The JPEG has no frame header.");
    }

    private static ImageInspection Sized(ImageFormat format, uint width, uint height)
    {
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
        {
            return new ImageInspection.Malformed("The image declares no valid dimensions.");
        }

        var pixels = (long)width * height;
        return pixels > MaxPixels
            ? new ImageInspection.TooManyPixels(pixels, MaxPixels)
            : new ImageInspection.Accepted(format, (int)width, (int)height);
    }
}
