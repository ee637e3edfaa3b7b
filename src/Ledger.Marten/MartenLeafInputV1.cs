using System.Buffers;
using System.Buffers.Binary;
using GemPix.EventStore.Ledger;

namespace GemPix.Ledger.Marten;

/// <summary>
/// The bytes a ledger leaf hashes for a Marten event, version 1 (tag <c>m1</c>): the row of <c>mt_events</c> as stored,
/// in a fixed binary layout (docs/ledger.md, "On Marten"), so that anyone can recompute a leaf from the table alone.
/// </summary>
/// <remarks>
/// <c>'m1'</c> · seq_id (int64) · id (16) · stream_id (16) · version (int64) · type (text) · tenant_id (optional text)
/// · mt_dotnet_type (optional text) · timestamp (int64 microseconds) · data (optional text) · bdata (optional bytes)
/// · correlation_id, causation_id, headers, user_name, tags (optional text each) · is_archived (1) · is_skipped (1).
/// Integers and lengths (int32) are big-endian; ids are UUIDs in RFC 9562 byte order; a text is its UTF-8 bytes after
/// their length; an optional field is <c>0x00</c> for null, or <c>0x01</c> and the field; a flag is <c>0x00</c> or
/// <c>0x01</c>. The tag differs from the own store's <c>v1</c>, so a verifier never decodes one as the other.
/// </remarks>
public static class MartenLeafInputV1
{
    /// <summary>The first two bytes of every leaf input of this layout: ASCII <c>m1</c>.</summary>
    public static ReadOnlySpan<byte> Prefix => "m1"u8;

    private const byte Absent = 0x00;
    private const byte Present = 0x01;

    /// <summary>Writes the leaf input of <paramref name="columns"/> to <paramref name="writer"/>.</summary>
    public static void Write(IBufferWriter<byte> writer, in MartenEventColumns columns)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(columns.Type);
        writer.Write(Prefix);
        LeafFields.WriteInt64(writer, columns.SeqId);
        LeafFields.WriteUuid(writer, columns.Id);
        LeafFields.WriteUuid(writer, columns.StreamId);
        LeafFields.WriteInt64(writer, columns.Version);
        LeafFields.WriteText(writer, columns.Type);
        WriteOptionalText(writer, columns.TenantId);
        WriteOptionalText(writer, columns.DotNetType);
        LeafFields.WriteInt64(writer, columns.TimestampMicroseconds);
        WriteOptionalText(writer, columns.Data);
        WriteOptionalBytes(writer, columns.BinaryData);
        WriteOptionalText(writer, columns.CorrelationId);
        WriteOptionalText(writer, columns.CausationId);
        WriteOptionalText(writer, columns.Headers);
        WriteOptionalText(writer, columns.UserName);
        WriteOptionalText(writer, columns.Tags);
        WriteFlag(writer, columns.IsArchived);
        WriteFlag(writer, columns.IsSkipped);
    }

    /// <summary>The leaf input of <paramref name="columns"/>, as a new array.</summary>
    public static byte[] Encode(in MartenEventColumns columns)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (columns.Data?.Length ?? 0) + (columns.Headers?.Length ?? 0));
        Write(buffer, columns);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteFlag(IBufferWriter<byte> writer, bool value) => writer.Write([value ? Present : Absent]);

    private static void WriteOptionalText(IBufferWriter<byte> writer, string? text)
    {
        if (text is null)
        {
            writer.Write([Absent]);
            return;
        }

        writer.Write([Present]);
        LeafFields.WriteText(writer, text);
    }

    private static void WriteOptionalBytes(IBufferWriter<byte> writer, byte[]? bytes)
    {
        if (bytes is null)
        {
            writer.Write([Absent]);
            return;
        }

        writer.Write([Present]);
        BinaryPrimitives.WriteInt32BigEndian(writer.GetSpan(4), bytes.Length);
        writer.Advance(4);
        writer.Write(bytes);
    }
}
