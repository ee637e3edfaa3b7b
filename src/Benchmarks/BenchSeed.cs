using GemPix.EventStore;
using NodaTime;
using NpgsqlTypes;

namespace GemPix.Benchmarks;

/// <summary>Fills a benchmark database fast: ~500-byte events over 1,000 streams (per call), written with COPY.</summary>
internal static class BenchSeed
{
    /// <summary>Writes <paramref name="count"/> events; the database's trigger gives each its leaf input, as for any insert.</summary>
    /// <param name="withSubjects">Whether each stream is a subject's (its id as <c>subject_id</c>), as people's streams are; otherwise no subject.</param>
    public static async Task EventsAsync(BenchDatabase database, int count, CancellationToken cancellationToken, bool withSubjects = false)
    {
        var serializer = BenchPayload.Serializer();
        var metadata = serializer.SerializeMetadata(new EventMetadata(null, null, "system", null));
        var streams = Enumerable.Range(0, 1000).Select(_ => Guid.NewGuid()).ToArray();
        var recordedAt = SystemClock.Instance.GetCurrentInstant().ToDateTimeUtc();
        const int chunk = 100_000;
        for (var start = 0; start < count; start += chunk)
        {
            await using var connection = await database.Owner.OpenConnectionAsync(cancellationToken);
            await using var importer = await connection.BeginBinaryImportAsync(
                "COPY gempix.events (id, stream_id, version, type, schema_version, data, metadata, recorded_at, subject_id) FROM STDIN (FORMAT BINARY)", cancellationToken);
            for (var i = start; i < Math.Min(count, start + chunk); i++)
            {
                var (type, json) = serializer.Serialize(BenchPayload.Create(i));
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, cancellationToken);
                await importer.WriteAsync(streams[i % streams.Length], NpgsqlDbType.Uuid, cancellationToken);
                await importer.WriteAsync((long)(i / streams.Length) + 1, NpgsqlDbType.Bigint, cancellationToken);
                await importer.WriteAsync(type.Name, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(type.SchemaVersion, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(json, NpgsqlDbType.Jsonb, cancellationToken);
                await importer.WriteAsync(metadata, NpgsqlDbType.Jsonb, cancellationToken);
                await importer.WriteAsync(recordedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                if (withSubjects)
                {
                    await importer.WriteAsync(streams[i % streams.Length], NpgsqlDbType.Uuid, cancellationToken);
                }
                else
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
            }

            await importer.CompleteAsync(cancellationToken);
        }
    }
}
