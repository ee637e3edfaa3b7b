using Microsoft.Extensions.Logging;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace GemPix.EventStore.Jobs;

/// <summary>
/// The durable job queue in <c>gempix.jobs</c> (ADR 0002, docs/jobs.md): enqueue (alone or inside the caller's
/// transaction, with its events), claim under a lease, heartbeat, complete, fail with backoff up to the dead
/// letter, and a wake-up for idle workers.
/// </summary>
/// <remarks>
/// Connections come from the application's data source (role <c>gempix_app</c>); every instant comes from the
/// injected clock. A job may run more than once (a lease that ran out, a crash between the work and its
/// completion), so handlers must be idempotent; their effects are events with fixed ids.
/// </remarks>
public sealed class JobQueue(NpgsqlDataSource dataSource, IClock clock, JobBackoff backoff, ILogger<JobQueue> logger) : IAsyncDisposable
{
    private const int MaxOwnerLength = 200;
    private const int MaxBatchSize = 1000;

    private readonly JobWakeUps _wakeUps = new(dataSource, logger);

    internal NpgsqlDataSource DataSource => dataSource;

    /// <summary>Enqueues a job in a transaction of its own, then wakes the queue's workers.</summary>
    /// <returns>True when enqueued; false when a job with this id exists already (nothing changed).</returns>
    /// <exception cref="ArgumentException">The request breaks a rule of the queue.</exception>
    public async Task<bool> EnqueueAsync(JobRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var now = clock.GetCurrentInstant();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand(JobStatements.Insert, connection))
        {
            AddInsertParameters(insert.Parameters, request, now);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }

        // After the commit, as AppendNotifier does for events, so that notifying never holds up the insert's
        // commit. Enqueues are far rarer than appends, so one notification each is cheap and needs no coalescing.
        if (IsDue(request, now))
        {
            await NotifyAfterCommitAsync(connection, request.Queue);
        }

        return true;
    }

    /// <summary>
    /// Enqueues a job inside the caller's transaction, so that it commits or rolls back with the caller's other
    /// writes (the events that asked for it). The wake-up is a NOTIFY in the same transaction: PostgreSQL delivers
    /// it at commit and drops it on rollback, and only the transaction knows when it commits.
    /// </summary>
    /// <returns>True when enqueued; false when a job with this id exists already (nothing changed).</returns>
    /// <exception cref="ArgumentException">The request breaks a rule of the queue.</exception>
    public async Task<bool> EnqueueAsync(
        JobRequest request, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var write in EnqueueWrites(request))
        {
            batch.BatchCommands.Add(write());
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        return batch.BatchCommands[0].RecordsAffected == 1; // the insert
    }

    /// <summary>
    /// The statements that enqueue a job, for a unit of work that sends them with its events
    /// (<see cref="AppendWrites.After"/>): the insert first, then the wake-up, a NOTIFY that PostgreSQL delivers at
    /// commit. A job whose id exists already is left as it is.
    /// </summary>
    /// <exception cref="ArgumentException">The request breaks a rule of the queue.</exception>
    public IReadOnlyList<Func<NpgsqlBatchCommand>> EnqueueWrites(JobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var now = clock.GetCurrentInstant();
        NpgsqlBatchCommand Insert()
        {
            var insert = new NpgsqlBatchCommand(JobStatements.Insert);
            AddInsertParameters(insert.Parameters, request, now);
            return insert;
        }

        return IsDue(request, now)
            ? [Insert, () => new NpgsqlBatchCommand(JobStatements.Notify) { Parameters = { new NpgsqlParameter<string> { TypedValue = request.Queue } } }]
            : [Insert];
    }

    /// <summary>
    /// Claims up to <paramref name="batchSize"/> jobs of <paramref name="queue"/> for <paramref name="owner"/>, in
    /// one statement: queued jobs that are due, and running jobs whose lease ran out (their worker crashed or hung),
    /// oldest due first. Each claim counts an attempt and holds a lease until now + <paramref name="lease"/>.
    /// Concurrent claimers never get the same job.
    /// </summary>
    /// <returns>The claimed jobs, oldest due first; empty when none is due. An <see cref="ClaimedJob.IsExhausted"/>
    /// job must not be run: fail it, which dead-letters it.</returns>
    public async Task<IReadOnlyList<ClaimedJob>> ClaimAsync(
        string queue, string owner, Duration lease, int batchSize, CancellationToken cancellationToken = default)
    {
        JobQueueName.ThrowIfInvalid(queue, nameof(queue));
        ThrowIfInvalidOwner(owner);
        ThrowIfInvalidLease(lease);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batchSize, MaxBatchSize);

        var now = clock.GetCurrentInstant();
        await using var command = dataSource.CreateCommand(JobStatements.Claim);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = queue });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = PostgresTimestamp.From(now) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = PostgresTimestamp.From(now + lease) });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batchSize });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JobFailureReason.LeaseExpired });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var claimed = new List<ClaimedJob>();
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedJob(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetGuid(2),
                reader.GetString(3),
                reader.GetInt32(4),
                reader.GetInt32(5),
                PostgresTimestamp.ToInstant(reader.GetDateTime(6)),
                PostgresTimestamp.ToInstant(reader.GetDateTime(7))));
        }

        return claimed;
    }

    /// <summary>Extends the lease to now + <paramref name="lease"/>, if <paramref name="owner"/> still holds it.</summary>
    /// <returns>False when the lease was lost to another claim: the caller must stop working on the job.</returns>
    public async Task<bool> HeartbeatAsync(ClaimedJob job, string owner, Duration lease, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidLease(lease);
        var now = clock.GetCurrentInstant();
        await using var command = HeldCommand(JobStatements.Heartbeat, job, owner, now, null, null);
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = PostgresTimestamp.From(now + lease) });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Marks the job succeeded, if <paramref name="owner"/> still holds its lease.</summary>
    /// <returns>False when the lease was lost to another claim: nothing changed.</returns>
    public Task<bool> CompleteAsync(ClaimedJob job, string owner, CancellationToken cancellationToken = default) =>
        CompleteCoreAsync(job, owner, null, null, cancellationToken);

    /// <summary>
    /// Marks the job succeeded inside the caller's transaction, so that completion commits with the result's events.
    /// </summary>
    /// <returns>False when the lease was lost to another claim: nothing changed, and the caller should roll back.</returns>
    public Task<bool> CompleteAsync(
        ClaimedJob job, string owner, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        return CompleteCoreAsync(job, owner, connection, transaction, cancellationToken);
    }

    /// <summary>
    /// Records a failed attempt, if <paramref name="owner"/> still holds the lease: the job is queued again after
    /// the backoff, or dead-lettered when that was its last attempt.
    /// </summary>
    /// <param name="reason">Short and free of personal data: see <see cref="JobFailureReason"/>.</param>
    public Task<JobFailureOutcome> FailAsync(ClaimedJob job, string owner, string reason, CancellationToken cancellationToken = default) =>
        FailCoreAsync(job, owner, reason, null, null, cancellationToken);

    /// <summary>
    /// Records a failed attempt inside the caller's transaction, so that what a dead letter undoes (a credit refund)
    /// commits with it, exactly once.
    /// </summary>
    /// <param name="reason">Short and free of personal data: see <see cref="JobFailureReason"/>.</param>
    public Task<JobFailureOutcome> FailAsync(
        ClaimedJob job, string owner, string reason, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        return FailCoreAsync(job, owner, reason, connection, transaction, cancellationToken);
    }

    /// <summary>
    /// Gives the job back without counting the attempt, if <paramref name="owner"/> still holds the lease: for a
    /// worker that stops (a deploy) before the job is done. The job is claimable again at once.
    /// </summary>
    /// <returns>False when the lease was lost to another claim: nothing changed.</returns>
    public async Task<bool> ReleaseAsync(ClaimedJob job, string owner, CancellationToken cancellationToken = default)
    {
        await using var command = HeldCommand(JobStatements.Release, job, owner, clock.GetCurrentInstant(), null, null);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Waits until a job is enqueued on <paramref name="queue"/> (a notification) or <paramref name="timeout"/>
    /// passes. Only a hint to look again: a worker claims after either, and jobs that fall due later (a retry, a
    /// delayed job) are found by that polling.
    /// </summary>
    /// <returns>True when woken by a notification (or by the listener's (re)connect); false when the timeout passed.</returns>
    public Task<bool> WaitForWorkAsync(string queue, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        JobQueueName.ThrowIfInvalid(queue, nameof(queue));
        return _wakeUps.WaitAsync(queue, timeout, cancellationToken);
    }

    /// <summary>Each queue's jobs by status, in queue order.</summary>
    public async Task<IReadOnlyList<JobQueueStatistics>> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(JobStatements.Statistics);
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = PostgresTimestamp.From(clock.GetCurrentInstant()) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var statistics = new List<JobQueueStatistics>();
        while (await reader.ReadAsync(cancellationToken))
        {
            statistics.Add(new JobQueueStatistics(
                reader.GetString(0),
                reader.GetInt64(1),
                reader.GetInt64(2),
                reader.GetInt64(3),
                reader.GetInt64(4),
                reader.GetInt64(5),
                reader.IsDBNull(6) ? null : PostgresTimestamp.ToInstant(reader.GetDateTime(6))));
        }

        return statistics;
    }

    /// <summary>Stops listening for wake-ups.</summary>
    public ValueTask DisposeAsync() => _wakeUps.DisposeAsync();

    private async Task<bool> CompleteCoreAsync(
        ClaimedJob job, string owner, NpgsqlConnection? connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = HeldCommand(JobStatements.Complete, job, owner, clock.GetCurrentInstant(), connection, transaction);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task<JobFailureOutcome> FailCoreAsync(
        ClaimedJob job, string owner, string reason, NpgsqlConnection? connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(reason.Length, JobFailureReason.MaxLength, nameof(reason));
        var now = clock.GetCurrentInstant();
        var retryAt = now + backoff.Delay(job.Attempt, Random.Shared.NextDouble());
        await using var command = HeldCommand(JobStatements.Fail, job, owner, now, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = PostgresTimestamp.From(retryAt) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = reason });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return new JobFailureOutcome.LeaseLost();
        }

        return reader.GetString(0) == "dead"
            ? new JobFailureOutcome.DeadLettered()
            : new JobFailureOutcome.Retrying(PostgresTimestamp.ToInstant(reader.GetDateTime(1)));
    }

    /// <summary>A command on the job's lease: parameters $1 id, $2 owner, $3 attempt, $4 now.</summary>
    private NpgsqlCommand HeldCommand(
        string sql, ClaimedJob job, string owner, Instant now, NpgsqlConnection? connection, NpgsqlTransaction? transaction)
    {
        ArgumentNullException.ThrowIfNull(job);
        ThrowIfInvalidOwner(owner);
        var command = connection is null ? dataSource.CreateCommand(sql) : new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = job.Id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = job.Attempt });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = PostgresTimestamp.From(now) });
        return command;
    }

    private static void AddInsertParameters(NpgsqlParameterCollection parameters, JobRequest request, Instant now)
    {
        parameters.Add(new NpgsqlParameter<Guid> { TypedValue = request.Id });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = request.Queue });
        parameters.Add(new NpgsqlParameter { Value = request.SubjectId is { } subject ? subject : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = request.Payload, NpgsqlDbType = NpgsqlDbType.Jsonb });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = request.MaxAttempts });
        parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = PostgresTimestamp.From(request.RunAfter ?? now) });
        parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = PostgresTimestamp.From(now) });
    }

    private static bool IsDue(JobRequest request, Instant now) => request.RunAfter is not { } runAfter || runAfter <= now;

    private static async Task NotifyAfterCommitAsync(NpgsqlConnection connection, string queue)
    {
        try
        {
            // Not cancellable: the job is committed, and the caller must not see a failure for it.
            await using var notify = new NpgsqlCommand(JobStatements.Notify, connection);
            notify.Parameters.Add(new NpgsqlParameter<string> { TypedValue = queue });
            await notify.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // A lost wake-up: the workers find the job at their next poll.
        }
    }

    private static void ThrowIfInvalidOwner(string owner)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(owner.Length, MaxOwnerLength, nameof(owner));
    }

    private static void ThrowIfInvalidLease(Duration lease) =>
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, Duration.Zero);
}
