using NodaTime;

namespace GemPix.Ledger.Marten;

/// <summary>The columns of one row of Marten's <c>mt_events</c> that its leaf input covers, as PostgreSQL holds them.</summary>
/// <remarks>
/// Columns that Marten creates only when a feature is on (metadata, binary data, tags, skipping) are null or false when
/// the table lacks them, which is what they would hold for a row written without the feature.
/// </remarks>
/// <param name="Data">PostgreSQL's text of the stored <c>jsonb</c> (<c>data::text</c>); null for an event stored as binary.</param>
/// <param name="BinaryData">The <c>bdata</c> column: the payload of an event serialized as binary, else null.</param>
/// <param name="TimestampMicroseconds">The stored <c>timestamp</c> in microseconds since 1970-01-01T00:00:00Z.</param>
/// <param name="Headers">PostgreSQL's text of the stored headers <c>jsonb</c>.</param>
/// <param name="Tags">PostgreSQL's text of the stored <c>hstore</c> of tags.</param>
public readonly record struct MartenEventColumns(
    long SeqId,
    Guid Id,
    Guid StreamId,
    long Version,
    string Type,
    string? TenantId,
    string? DotNetType,
    long TimestampMicroseconds,
    string? Data,
    byte[]? BinaryData,
    string? CorrelationId,
    string? CausationId,
    string? Headers,
    string? UserName,
    string? Tags,
    bool IsArchived,
    bool IsSkipped)
{
    /// <summary>The stored <c>timestamp</c>.</summary>
    public Instant Timestamp => Instant.FromUnixTimeTicks(TimestampMicroseconds * TimeSpan.TicksPerMicrosecond);

    /// <summary>Microseconds since the Unix epoch of a <c>timestamptz</c> as Npgsql reads it (UTC, whole microseconds).</summary>
    public static long Microseconds(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;
}
