using GemPix.EventStore.Serialization;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace GemPix.EventStore;

/// <summary>One stream's append, serialised once into the arrays <c>gempix.append_events</c> takes.</summary>
internal sealed class SerializedAppend
{
    private const string Sql = "SELECT gempix.append_events($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";

    private readonly StreamAppend _append;
    private readonly DateTime _recordedAt;
    private readonly Guid[] _ids;
    private readonly string[] _types;
    private readonly int[] _schemaVersions;
    private readonly string[] _data;
    private readonly string[] _metadata;
    private readonly HashSet<Guid> _keyIds = [];

    private SerializedAppend(StreamAppend append, DateTime recordedAt, int count)
    {
        _append = append;
        _recordedAt = recordedAt;
        _ids = new Guid[count];
        _types = new string[count];
        _schemaVersions = new int[count];
        _data = new string[count];
        _metadata = new string[count];
    }

    public static async ValueTask<SerializedAppend> CreateAsync(
        StreamAppend append, Instant recordedAt, EventSerializer serializer, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(append.Events.Count, nameof(append.Events));
        var serialized = new SerializedAppend(append, recordedAt.ToDateTimeUtc(), append.Events.Count);
        for (var i = 0; i < append.Events.Count; i++)
        {
            var e = append.Events[i];
            var (type, json) = serializer.Serialize(e.Data);
            if (serializer.Protector is { } protector)
            {
                var protectedData = await protector.ProtectAsync(e.Id, append.SubjectId, json, cancellationToken);
                json = protectedData.Json;
                serialized._keyIds.UnionWith(protectedData.KeyIds);
            }

            serialized._ids[i] = e.Id;
            serialized._types[i] = type.Name;
            serialized._schemaVersions[i] = type.SchemaVersion;
            serialized._data[i] = json;
            serialized._metadata[i] = serializer.SerializeMetadata(e.Metadata);
        }

        return serialized;
    }

    public NpgsqlBatchCommand ToCommand() => new(Sql)
    {
        Parameters =
        {
            new NpgsqlParameter<Guid> { TypedValue = _append.StreamId },
            new NpgsqlParameter<string> { TypedValue = _append.StreamType },
            new NpgsqlParameter { Value = _append.SubjectId is { } subject ? subject : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid },
            new NpgsqlParameter<long> { TypedValue = _append.Expected.Value },
            new NpgsqlParameter<Guid[]> { TypedValue = _ids },
            new NpgsqlParameter<string[]> { TypedValue = _types },
            new NpgsqlParameter<int[]> { TypedValue = _schemaVersions },
            new NpgsqlParameter<string[]> { TypedValue = _data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
            new NpgsqlParameter<string[]> { TypedValue = _metadata, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
            new NpgsqlParameter<DateTime> { TypedValue = _recordedAt },
            // The keys' guard runs inside the append: a statement of its own would cost a fifth of an append.
            new NpgsqlParameter { Value = _keyIds.Count == 0 ? DBNull.Value : _keyIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
        },
    };
}
