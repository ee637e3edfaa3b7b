using NodaTime;
using Npgsql;

namespace GemPix.EventStore.Ledger;

/// <summary>The columns of one stored event that its leaf input covers, as the database holds them.</summary>
/// <param name="Data">PostgreSQL's text of the stored <c>jsonb</c> (<c>data::text</c>): personal values stay ciphertext.</param>
/// <param name="Metadata">PostgreSQL's text of the stored metadata <c>jsonb</c>.</param>
/// <param name="RecordedAtMicroseconds">The stored <c>recorded_at</c> in microseconds since 1970-01-01T00:00:00Z (PostgreSQL's precision).</param>
public readonly record struct LedgerEventColumns(
    long Seq,
    Guid Id,
    Guid StreamId,
    long Version,
    string Type,
    int SchemaVersion,
    Guid? SubjectId,
    string Data,
    string Metadata,
    long RecordedAtMicroseconds)
{
    /// <summary>The columns, as a select list in the order <see cref="Read"/> reads them from its first ordinal on.</summary>
    internal const string SelectList = "seq, id, stream_id, version, type, schema_version, subject_id, data::text, metadata::text, recorded_at";

    /// <summary>The number of columns of <see cref="SelectList"/>.</summary>
    internal const int Count = 10;

    /// <summary>The stored <c>recorded_at</c>.</summary>
    public Instant RecordedAt => Instant.FromUnixTimeTicks(RecordedAtMicroseconds * TimeSpan.TicksPerMicrosecond);

    /// <summary>Reads <see cref="SelectList"/> from the reader's current row, starting at <paramref name="first"/>.</summary>
    internal static LedgerEventColumns Read(NpgsqlDataReader reader, int first = 0) => new(
        reader.GetInt64(first),
        reader.GetGuid(first + 1),
        reader.GetGuid(first + 2),
        reader.GetInt64(first + 3),
        reader.GetString(first + 4),
        reader.GetInt32(first + 5),
        reader.IsDBNull(first + 6) ? null : reader.GetGuid(first + 6),
        reader.GetString(first + 7),
        reader.GetString(first + 8),
        Microseconds(reader.GetDateTime(first + 9)));

    /// <summary>Microseconds since the Unix epoch of a <c>timestamptz</c> as Npgsql reads it (UTC, whole microseconds).</summary>
    public static long Microseconds(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;
}
