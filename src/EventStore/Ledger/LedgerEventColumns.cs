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
    /// <summary>Microseconds since the Unix epoch of a <c>timestamptz</c> as Npgsql reads it (UTC, whole microseconds).</summary>
    public static long Microseconds(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;
}
