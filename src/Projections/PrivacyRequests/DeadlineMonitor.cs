using NodaTime;
using Npgsql;

namespace GemPix.Projections.PrivacyRequests;

/// <summary>
/// Flags open privacy requests that are due soon or overdue (<c>gempix.privacy_requests.flag</c>), so that the staff's
/// listing leads with them; idempotent, and safe from several processes at once (each run sets the same flags).
/// </summary>
public sealed class DeadlineMonitor(NpgsqlDataSource dataSource, IClock clock)
{
    /// <summary>How close to its due instant an open request counts as due soon.</summary>
    public static readonly Duration DueSoon = Duration.FromDays(7);

    public async Task<DeadlineFlags> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            WITH flagged AS (
                UPDATE gempix.privacy_requests
                   SET flag = CASE WHEN due_at <= $1 THEN 'overdue' WHEN due_at <= $2 THEN 'due-soon' END
                 WHERE status NOT IN ('completed', 'denied')
                RETURNING flag)
            SELECT count(*) FILTER (WHERE flag = 'due-soon')::int, count(*) FILTER (WHERE flag = 'overdue')::int FROM flagged
            """);
        var now = clock.GetCurrentInstant();
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = now.ToDateTimeUtc() });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = (now + DueSoon).ToDateTimeUtc() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new DeadlineFlags(reader.GetInt32(0), reader.GetInt32(1));
    }
}
