using System.IO.Compression;
using System.Text;

namespace GemPix.Imaging;

/// <summary>The data layouts of the tEXt, zTXt and iTXt chunks.</summary>
internal static class PngTextChunk
{
    /// <summary>
    /// Text longer than this (after inflating, for the compressed forms) is skipped: metadata has no business being
    /// larger, and a compressed text chunk must not become a decompression bomb of its own.
    /// </summary>
    public const int MaxTextBytes = 1024 * 1024;

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>An uncompressed iTXt payload: keyword, NUL, flag 0, method 0, empty language, NUL, empty translation, NUL, UTF-8 text.</summary>
    public static byte[] EncodeInternational(PngText text)
    {
        var keyword = Encoding.Latin1.GetBytes(text.Keyword);
        var body = Encoding.UTF8.GetBytes(text.Text);
        var data = new byte[keyword.Length + 5 + body.Length];
        keyword.CopyTo(data, 0);
        // data[keyword.Length .. keyword.Length + 4] stay zero: separator, compression flag and method, two empty strings' terminators.
        body.CopyTo(data, keyword.Length + 5);
        return data;
    }

    /// <summary>Reads a text chunk's data; malformed, oversized or wrongly encoded text is not an error, just absent.</summary>
    public static PngText? TryDecode(PngChunkType type, ReadOnlySpan<byte> data)
    {
        var keywordEnd = data.IndexOf((byte)0);
        if (keywordEnd <= 0)
        {
            return null;
        }

        var keyword = Encoding.Latin1.GetString(data[..keywordEnd]);
        if (!PngText.IsValidKeyword(keyword))
        {
            return null;
        }

        var rest = data[(keywordEnd + 1)..];
        var text = type == PngChunkType.Text ? Encoding.Latin1.GetString(rest)
            : type == PngChunkType.CompressedText ? DecodeCompressed(rest)
            : DecodeInternational(rest);
        return text is null ? null : new PngText(keyword, text);
    }

    private static string? DecodeCompressed(ReadOnlySpan<byte> rest)
    {
        if (rest.IsEmpty || rest[0] != 0)
        {
            return null;
        }

        var inflated = Inflate(rest[1..]);
        return inflated is null ? null : Encoding.Latin1.GetString(inflated);
    }

    private static string? DecodeInternational(ReadOnlySpan<byte> rest)
    {
        if (rest.Length < 2 || rest[0] > 1 || rest[1] != 0)
        {
            return null;
        }

        var compressed = rest[0] == 1;
        rest = rest[2..];
        for (var skipped = 0; skipped < 2; skipped++)
        {
            // Language tag, then translated keyword: both NUL-terminated, neither of interest here.
            var end = rest.IndexOf((byte)0);
            if (end < 0)
            {
                return null;
            }

            rest = rest[(end + 1)..];
        }

        var body = compressed ? Inflate(rest) : rest.ToArray();
        if (body is null)
        {
            return null;
        }

        try
        {
            return StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static byte[]? Inflate(ReadOnlySpan<byte> compressed)
    {
        try
        {
            using var input = new MemoryStream(compressed.ToArray(), writable: false);
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var block = new byte[16 * 1024];
            int read;
            while ((read = zlib.Read(block)) > 0)
            {
                if (output.Length + read > MaxTextBytes)
                {
                    return null;
                }

                output.Write(block, 0, read);
            }

            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
