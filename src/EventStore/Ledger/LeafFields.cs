using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace GemPix.EventStore.Ledger;

/// <summary>The field encodings every leaf input version is made of: big-endian integers and UUIDs, length-prefixed UTF-8.</summary>
public static class LeafFields
{
    public static void WriteInt64(IBufferWriter<byte> writer, long value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        BinaryPrimitives.WriteInt64BigEndian(writer.GetSpan(8), value);
        writer.Advance(8);
    }

    /// <summary>RFC 9562 byte order, as PostgreSQL stores a uuid.</summary>
    public static void WriteUuid(IBufferWriter<byte> writer, Guid value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        value.TryWriteBytes(writer.GetSpan(16), bigEndian: true, out _);
        writer.Advance(16);
    }

    // The length goes before the text but is known only after encoding: encode behind a 4-byte gap, then fill it.
    public static void WriteText(IBufferWriter<byte> writer, string text)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(text);
        var span = writer.GetSpan(4 + Encoding.UTF8.GetMaxByteCount(text.Length));
        var length = Encoding.UTF8.GetBytes(text, span[4..]);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        writer.Advance(4 + length);
    }
}
