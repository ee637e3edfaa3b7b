using System.Buffers.Binary;

namespace GemPix.Imaging.Tests;

/// <summary>
/// A zlib stream of stored (uncompressed) deflate blocks with its Adler-32, written by hand: test PNGs built with it
/// owe nothing to the compressor the code under test uses.
/// </summary>
internal static class StoredZlib
{
    private const int MaxBlock = 65535;

    public static byte[] Wrap(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        output.WriteByte(0x78); // deflate, 32 KiB window
        output.WriteByte(0x01); // no dictionary, fastest; 0x7801 is a multiple of 31 as the header check demands
        Span<byte> word = stackalloc byte[4];
        var offset = 0;
        do
        {
            var length = Math.Min(MaxBlock, data.Length - offset);
            var final = offset + length == data.Length;
            output.WriteByte(final ? (byte)1 : (byte)0); // BFINAL, BTYPE 00 (stored)
            BinaryPrimitives.WriteUInt16LittleEndian(word, (ushort)length);
            BinaryPrimitives.WriteUInt16LittleEndian(word[2..], (ushort)~length);
            output.Write(word);
            output.Write(data.Slice(offset, length));
            offset += length;
        }
        while (offset < data.Length);

        BinaryPrimitives.WriteUInt32BigEndian(word, Adler32(data));
        output.Write(word);
        return output.ToArray();
    }

    private static uint Adler32(ReadOnlySpan<byte> data)
    {
        uint a = 1, b = 0;
        foreach (var d in data)
        {
            a = (a + d) % 65521;
            b = (b + a) % 65521;
        }

        return (b << 16) | a;
    }
}
