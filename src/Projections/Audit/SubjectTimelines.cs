using NodaTime;
using Npgsql;

namespace GemPix.Projections.Audit;

/// <summary>
/// A subject's events in the global order as an auditor sees them: what happened, when, by whom and where it sits
/// in the ledger; never the events' data.
/// </summary>
public sealed class SubjectTimelines(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(Guid subjectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT e.seq, l.leaf_index, e.type, e.recorded_at, e.stream_id, e.version, e.metadata->>'actorKind', e.metadata->>'actorId'
              FROM gempix.events e
              LEFT JOIN gempix.ledger_leaves l ON l.seq = e.seq
             WHERE e.subject_id = $1
             ORDER BY e.tx_id, e.seq
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = subjectId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<TimelineEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new TimelineEntry(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetInt64(1),
                reader.GetString(2),
                Instant.FromDateTimeUtc(reader.GetDateTime(3)),
                reader.GetGuid(4),
                reader.GetInt64(5),
                new TimelineActor(reader.IsDBNull(6) ? "system" : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7))));
        }

        return entries;
    }
}
