using System.Buffers.Binary;

namespace GemPix.Imaging;

/// <summary>
/// A chunk as it lies in the file: length (4 bytes), type (4), data, then the CRC (4) of type and data. Writers
/// place the data at <see cref="DataOffset"/> of a buffer <see cref="Overhead"/> bytes longer and seal it, so a
/// chunk goes out in one write without copying its data again.
/// </summary>
internal static class PngChunkFrame
{
    public const int DataOffset = 8;
    public const int Overhead = 12;

    /// <summary>Fills in length, type and CRC around the data already at <see cref="DataOffset"/>.</summary>
    public static void Seal(Span<byte> frame, PngChunkType type)
    {
        var dataLength = frame.Length - Overhead;
        BinaryPrimitives.WriteInt32BigEndian(frame, dataLength);
        type.WriteTo(frame[4..]);
        var crc = Crc32.Compute(frame.Slice(4, 4 + dataLength));
        BinaryPrimitives.WriteUInt32BigEndian(frame[(DataOffset + dataLength)..], crc);
    }

    /// <summary>A sealed chunk holding a copy of <paramref name="data"/>: for the small chunks.</summary>
    public static byte[] Create(PngChunkType type, ReadOnlySpan<byte> data)
    {
        var frame = new byte[data.Length + Overhead];
        data.CopyTo(frame.AsSpan(DataOffset));
        Seal(frame, type);
        return frame;
    }
}
