using GemPix.Domain.Protection;
using GemPix.Domain.Retention;
using GemPix.Domain.Uploads;
using GemPix.EventStore;
using GemPix.Projections.Handling;
using GemPix.Protection.Shredding;
using NodaTime;
using Npgsql;

namespace GemPix.Projections.Retention;

/// <summary>
/// Applies the <see cref="RetentionSchedule"/> as of an instant: transient uploads shredded and recorded, expired
/// billing keys shredded with a certificate each, access-log partitions past the window dropped, expired sessions,
/// forgotten sign-in failures and idempotent answers deleted. Idempotent: a second run as of the same instant finds
/// nothing. A dry run only lists what is due. Either way the report names each item by kind and id, never by personal data.
/// </summary>
public sealed class RetentionEnforcer(NpgsqlDataSource dataSource, CommandHandler handler, SubjectShredder shredder, RetentionSchedule schedule, IClock clock)
{
    private static readonly EventMetadata Enforcer = new(null, null, "system", "retention");

    public async Task<RetentionReport> RunAsync(Instant asOf, bool dryRun, CancellationToken cancellationToken)
    {
        var lines = new List<RetentionLine>
        {
            await UploadsAsync(asOf, dryRun, cancellationToken),
            await BillingAsync(asOf, dryRun, cancellationToken),
            await AccessLogAsync(asOf, dryRun, cancellationToken),
            await DeleteRowsAsync(
                RetentionClasses.Sessions, RetentionItem.Session, "gempix.sessions", "session_id::text", "least(expires_at, revoked_at) + $2 <= $1", asOf, dryRun, cancellationToken),
            await DeleteRowsAsync(
                RetentionClasses.SignInFailures,
                RetentionItem.SignInFailure,
                "gempix.sign_in_failures",
                "encode(substr(sha256(blind_index), 1, 8), 'hex')",
                "forgotten_at + $2 <= $1",
                asOf,
                dryRun,
                cancellationToken),
            await DeleteRowsAsync(
                RetentionClasses.IdempotentAnswers,
                RetentionItem.IdempotentAnswer,
                "gempix.idempotency_keys",
                "encode(substr(sha256(scope || convert_to(key, 'UTF8')), 1, 8), 'hex')",
                "created_at + $2 <= $1",
                asOf,
                dryRun,
                cancellationToken),
        };
        return new RetentionReport(asOf, dryRun, lines);
    }

    /// <summary>Unkept uploads whose last use (or receipt) is a period ago, and which no unfinished generation still needs.</summary>
    private async Task<RetentionLine> UploadsAsync(Instant asOf, bool dryRun, CancellationToken cancellationToken)
    {
        var due = new List<(Guid Upload, Guid Subject)>();
        await using (var command = dataSource.CreateCommand(
            """
            SELECT u.id, u.subject_id FROM gempix.uploads u
             WHERE NOT u.keep
               AND greatest(u.received_at, (SELECT max(g.updated_at) FROM gempix.generations g WHERE g.reference_upload_id = u.id)) + $2 <= $1
               AND NOT EXISTS (SELECT 1 FROM gempix.generations g WHERE g.reference_upload_id = u.id AND g.status IN ('queued', 'running'))
             ORDER BY u.received_at
            """))
        {
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = asOf.ToDateTimeUtc() });
            command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = schedule.PeriodOf(RetentionClasses.TransientUploads).ToTimeSpan() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                due.Add((reader.GetGuid(0), reader.GetGuid(1)));
            }
        }

        if (!dryRun)
        {
            foreach (var (upload, subject) in due)
            {
                await shredder.ShredAssetAsync(subject, upload, "retention: transient upload", cancellationToken);
                await handler.HandleAsync(Deciders.Upload, upload, subject, new DeleteUpload(UploadDeletionReason.Retention, clock.GetCurrentInstant()), Enforcer, cancellationToken);
            }
        }

        return new RetentionLine(RetentionClasses.TransientUploads.Name, [.. due.Select(d => new RetentionItem(RetentionItem.Upload, d.Upload.ToString()))]);
    }

    /// <summary>Billing keys whose retain-until date has come: each subject's billing scope shredded with its own certificate.</summary>
    private async Task<RetentionLine> BillingAsync(Instant asOf, bool dryRun, CancellationToken cancellationToken)
    {
        var subjects = new List<Guid>();
        await using (var command = dataSource.CreateCommand("SELECT subject_id FROM gempix_vault.expired_billing_keys($1) ORDER BY retain_until"))
        {
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = asOf.ToDateTimeUtc() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                subjects.Add(reader.GetGuid(0));
            }
        }

        var items = new List<RetentionItem>();
        foreach (var subject in subjects)
        {
            Guid? certificate = null;
            if (!dryRun)
            {
                certificate = (await shredder.ShredScopesAsync(subject, null, [DataScope.Billing], cancellationToken)).Certificate.CertificateId;
            }

            items.Add(new RetentionItem(RetentionItem.BillingKey, subject.ToString(), certificate));
        }

        return new RetentionLine(RetentionClasses.Billing.Name, items);
    }

    /// <summary>The access log's daily partitions wholly older than the window.</summary>
    private async Task<RetentionLine> AccessLogAsync(Instant asOf, bool dryRun, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT to_char(d, 'YYYY-MM-DD') FROM gempix.drop_access_log_partitions($1, $2) AS d");
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = (asOf - schedule.PeriodOf(RetentionClasses.ApiAccessLog)).ToDateTimeUtc() });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = dryRun });
        return new RetentionLine(RetentionClasses.ApiAccessLog.Name, await ReadItemsAsync(command, RetentionItem.AccessLogPartition, cancellationToken));
    }

    /// <param name="id">The SQL that names a row in the report: never a column that holds personal data or a secret's hash.</param>
    private async Task<RetentionLine> DeleteRowsAsync(
        RetentionClass retention, string kind, string table, string id, string expired, Instant asOf, bool dryRun, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            dryRun ? $"SELECT {id} FROM {table} WHERE {expired} ORDER BY 1" : $"WITH gone AS (DELETE FROM {table} WHERE {expired} RETURNING {id} AS id) SELECT id FROM gone ORDER BY 1");
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = asOf.ToDateTimeUtc() });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = schedule.PeriodOf(retention).ToTimeSpan() });
        return new RetentionLine(retention.Name, await ReadItemsAsync(command, kind, cancellationToken));
    }

    private static async Task<IReadOnlyList<RetentionItem>> ReadItemsAsync(NpgsqlCommand command, string kind, CancellationToken cancellationToken)
    {
        var items = new List<RetentionItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new RetentionItem(kind, reader.GetString(0)));
        }

        return items;
    }
}
