using GemPix.EventStore.Protection;
using GemPix.EventStore.Serialization;
using NodaTime;
using Npgsql;

namespace GemPix.EventStore;

/// <summary>The one column list every event query selects, and its way to <see cref="RecordedEvent"/>.</summary>
internal static class EventRows
{
    public const string Columns = "seq, id, stream_id, version, type, schema_version, data::text, metadata::text, subject_id, recorded_at, tx_id";

    public static RawEvent ReadRaw(NpgsqlDataReader reader)
    {
        var seq = reader.GetInt64(0);
        var id = reader.GetGuid(1);
        return new RawEvent(
            seq,
            id,
            reader.GetGuid(2),
            reader.GetInt64(3),
            reader.GetString(4),
            reader.GetInt32(5),
            new StoredEventData(id, reader.GetString(6)),
            reader.GetString(7),
            reader.IsDBNull(8) ? null : reader.GetGuid(8),
            Instant.FromDateTimeUtc(reader.GetDateTime(9)),
            new GlobalPosition(reader.GetFieldValue<ulong>(10), seq));
    }

    /// <summary>Reads every row of <paramref name="reader"/>, then decrypts them together (one key lookup) and deserialises them.</summary>
    public static async Task<List<RecordedEvent>> ReadAllAsync(NpgsqlDataReader reader, EventSerializer serializer, CancellationToken cancellationToken)
    {
        var raw = new List<RawEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            raw.Add(ReadRaw(reader));
        }

        return await MaterializeAsync(raw, serializer, cancellationToken);
    }

    public static async Task<List<RecordedEvent>> MaterializeAsync(List<RawEvent> raw, EventSerializer serializer, CancellationToken cancellationToken)
    {
        if (serializer.Protector is { } protector && raw.Count > 0)
        {
            await protector.UnprotectAsync([.. raw.Select(r => r.Data)], cancellationToken);
        }

        var events = new List<RecordedEvent>(raw.Count);
        foreach (var r in raw)
        {
            object data;
            try
            {
                data = serializer.Deserialize(r.Type, r.SchemaVersion, r.Data.Json);
            }
            catch (Exception e) when (e is UnknownEventTypeException or System.Text.Json.JsonException or NotSupportedException)
            {
                throw new EventDeserializationException(r.Seq, r.Type, e);
            }

            events.Add(new RecordedEvent(
                r.Seq, r.Id, r.StreamId, r.Version, r.Type, data, serializer.DeserializeMetadata(r.Metadata), r.SubjectId, r.RecordedAt, r.Position));
        }

        return events;
    }
}
