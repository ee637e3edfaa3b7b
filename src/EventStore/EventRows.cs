using GemPix.EventStore.Serialization;
using NodaTime;
using Npgsql;

namespace GemPix.EventStore;

/// <summary>The one column list every event query selects, and its mapping to <see cref="RecordedEvent"/>.</summary>
internal static class EventRows
{
    public const string Columns = "seq, id, stream_id, version, type, schema_version, data::text, metadata::text, subject_id, recorded_at, tx_id";

    public static RecordedEvent Read(NpgsqlDataReader reader, EventSerializer serializer)
    {
        var seq = reader.GetInt64(0);
        var type = reader.GetString(4);
        object data;
        try
        {
            data = serializer.Deserialize(type, reader.GetInt32(5), reader.GetString(6));
        }
        catch (Exception e) when (e is UnknownEventTypeException or System.Text.Json.JsonException or NotSupportedException)
        {
            throw new EventDeserializationException(seq, type, e);
        }

        return new RecordedEvent(
            seq,
            reader.GetGuid(1),
            reader.GetGuid(2),
            reader.GetInt64(3),
            type,
            data,
            serializer.DeserializeMetadata(reader.GetString(7)),
            reader.IsDBNull(8) ? null : reader.GetGuid(8),
            Instant.FromDateTimeUtc(reader.GetDateTime(9)),
            new GlobalPosition(reader.GetFieldValue<ulong>(10), seq));
    }
}
