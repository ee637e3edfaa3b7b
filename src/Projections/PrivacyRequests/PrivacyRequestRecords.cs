using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace GemPix.Projections.PrivacyRequests;

/// <summary>Reads <c>gempix.privacy_requests</c>: a subject's own requests, the staff's listing, and the yearly figures.</summary>
public sealed class PrivacyRequestRecords(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "id, subject_id, type, jurisdiction, status, received_at, due_on, due_at, acknowledge_by, extended, policy_version, completed_at, result_kind, result_ref, denied_reason, flag";

    /// <summary>One request; with <paramref name="subjectId"/>, only if it is that subject's.</summary>
    public async Task<PrivacyRequestRow?> FindAsync(Guid requestId, Guid? subjectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM gempix.privacy_requests WHERE id = $1 AND ($2::uuid IS NULL OR subject_id = $2)");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = requestId });
        command.Parameters.Add(new NpgsqlParameter { Value = subjectId is { } s ? s : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<PrivacyRequestRow>> ForSubjectAsync(Guid subjectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM gempix.privacy_requests WHERE subject_id = $1 ORDER BY received_at DESC");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = subjectId });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>For staff: open requests by due date, or all received in a period.</summary>
    public async Task<IReadOnlyList<PrivacyRequestRow>> ListAsync(bool openOnly, Instant from, Instant to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT {Columns} FROM gempix.privacy_requests
             WHERE received_at >= $1 AND received_at < $2 AND (NOT $3 OR status NOT IN ('completed', 'denied'))
             ORDER BY due_at, id
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = from.ToDateTimeUtc() });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = to.ToDateTimeUtc() });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = openOnly });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Per type, for requests received in <paramref name="year"/> (UTC): counts and the median days from receipt to answer.</summary>
    public async Task<IReadOnlyList<PrivacyRequestFigures>> FiguresAsync(int year, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT type,
                   count(*)::int,
                   count(*) FILTER (WHERE status = 'completed')::int,
                   count(*) FILTER (WHERE status = 'denied')::int,
                   count(*) FILTER (WHERE completed_at > due_at OR (completed_at IS NULL AND flag = 'overdue'))::int,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - received_at) / 86400.0)
                       FILTER (WHERE status = 'completed')
              FROM gempix.privacy_requests
             WHERE received_at >= $1 AND received_at < $2
             GROUP BY type ORDER BY type
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = new LocalDate(year, 1, 1).AtStartOfDayInZone(DateTimeZone.Utc).ToDateTimeUtc() });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = new LocalDate(year + 1, 1, 1).AtStartOfDayInZone(DateTimeZone.Utc).ToDateTimeUtc() });
        var figures = new List<PrivacyRequestFigures>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            figures.Add(new PrivacyRequestFigures(
                reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.IsDBNull(5) ? null : Math.Round(reader.GetDouble(5), 2)));
        }

        return figures;
    }

    private static async Task<List<PrivacyRequestRow>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<PrivacyRequestRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new PrivacyRequestRow(
                reader.GetGuid(0),
                reader.IsDBNull(1) ? null : reader.GetGuid(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                Instant.FromDateTimeUtc(reader.GetDateTime(5)),
                LocalDate.FromDateOnly(reader.GetFieldValue<DateOnly>(6)),
                Instant.FromDateTimeUtc(reader.GetDateTime(7)),
                reader.IsDBNull(8) ? null : LocalDate.FromDateOnly(reader.GetFieldValue<DateOnly>(8)),
                reader.GetBoolean(9),
                reader.GetString(10),
                reader.IsDBNull(11) ? null : Instant.FromDateTimeUtc(reader.GetDateTime(11)),
                reader.IsDBNull(12) ? null : reader.GetString(12),
                reader.IsDBNull(13) ? null : reader.GetString(13),
                reader.IsDBNull(14) ? null : reader.GetString(14),
                reader.IsDBNull(15) ? null : reader.GetString(15)));
        }

        return rows;
    }
}
