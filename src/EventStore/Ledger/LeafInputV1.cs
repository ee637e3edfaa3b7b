using System.Buffers;
using System.Buffers.Binary;

namespace GemPix.EventStore.Ledger;

/// <summary>
/// The bytes a ledger leaf hashes, version 1: an event's columns as stored, in a fixed binary layout (docs/ledger.md).
/// The database computes them as each row is inserted (<c>gempix.set_leaf_input</c>, migration 0005) and keeps them
/// in <c>gempix.events.leaf_input</c>; this is the second, independent writer of the same layout, with which
/// <c>verify-ledger</c> recomputes every leaf from the columns.
/// </summary>
/// <remarks>
/// <c>'v1'</c> · seq (int64) · id (16) · stream id (16) · version (int64) · type (length-prefixed UTF-8) · schema version
/// (int32) · 0x00, or 0x01 and the subject id (16) · data (length-prefixed UTF-8) · metadata (length-prefixed UTF-8)
/// · recorded-at (int64 microseconds since the Unix epoch). Integers and lengths (int32) are big-endian; ids are UUIDs
/// in RFC 9562 byte order; data and metadata are PostgreSQL's text of the stored <c>jsonb</c>.
/// </remarks>
public static class LeafInputV1
{
    /// <summary>The first two bytes of every v1 leaf input: ASCII <c>v1</c>.</summary>
    public static ReadOnlySpan<byte> Prefix => "v1"u8;

    /// <summary>Writes the leaf input of <paramref name="columns"/> to <paramref name="writer"/>.</summary>
    public static void Write(IBufferWriter<byte> writer, in LedgerEventColumns columns)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Prefix);
        LeafFields.WriteInt64(writer, columns.Seq);
        LeafFields.WriteUuid(writer, columns.Id);
        LeafFields.WriteUuid(writer, columns.StreamId);
        LeafFields.WriteInt64(writer, columns.Version);
        LeafFields.WriteText(writer, columns.Type);
        BinaryPrimitives.WriteInt32BigEndian(writer.GetSpan(4), columns.SchemaVersion);
        writer.Advance(4);
        if (columns.SubjectId is { } subject)
        {
            writer.Write([(byte)0x01]);
            LeafFields.WriteUuid(writer, subject);
        }
        else
        {
            writer.Write([(byte)0x00]);
        }

        LeafFields.WriteText(writer, columns.Data);
        LeafFields.WriteText(writer, columns.Metadata);
        LeafFields.WriteInt64(writer, columns.RecordedAtMicroseconds);
    }

    /// <summary>The leaf input of <paramref name="columns"/>, as a new array.</summary>
    public static byte[] Encode(in LedgerEventColumns columns)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + columns.Data.Length + columns.Metadata.Length);
        Write(buffer, columns);
        return buffer.WrittenSpan.ToArray();
    }
}
