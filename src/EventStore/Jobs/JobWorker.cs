using Microsoft.Extensions.Logging;
using NodaTime;
using Npgsql;

namespace GemPix.EventStore.Jobs;

/// <summary>
/// Runs one handler's jobs: claim, run the handler under a lease kept by heartbeats, then complete, fail or give
/// the job back. Meant to be the body of a hosted service: <c>ExecuteAsync(ct) => worker.RunAsync(ct)</c>. Any
/// number of workers, in any number of processes, may serve one queue.
/// </summary>
/// <remarks>
/// <para>The handler's token is cancelled when a heartbeat finds the lease lost (another owner claimed the job after
/// it ran out); the attempt then leaves the job alone. A handler that throws fails the attempt with the exception's
/// type name as the reason (never its message, which may hold personal data); the last failure dead-letters the job
/// and calls the handler's <see cref="IJobHandler.DeadLetteredAsync"/> in the same transaction.</para>
/// <para>When the worker stops, a handler that stops with it gives its job back uncounted. Whatever goes wrong in
/// this bookkeeping (the database gone), the lease runs out and the job is claimed again.</para>
/// </remarks>
public sealed partial class JobWorker(JobQueue queue, IJobHandler handler, JobWorkerOptions options, IClock clock, ILogger<JobWorker> logger)
{
    /// <summary>Runs each time the worker, idle, starts to wait for a wake-up: lets a test enqueue only then.</summary>
    internal Action? WaitingForWork { get; set; }

    /// <summary>Claims and runs jobs until <paramref name="stoppingToken"/> is cancelled, then lets the running ones settle.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        var stopped = Task.Delay(Timeout.Infinite, stoppingToken);
        Task<bool>? wakeUp = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            var free = options.MaxConcurrency - running.Count;
            if (free > 0)
            {
                var claimed = await ClaimAsync(free, stoppingToken);
                running.AddRange(claimed.Select(job => RunClaimedAsync(job, stoppingToken)));
                if (claimed.Count > 0)
                {
                    continue;
                }

                // One wait at a time, kept across the loop's turns, so that waking for a finished job loses no wake-up.
                if (wakeUp is null)
                {
                    wakeUp = queue.WaitForWorkAsync(handler.Queue, options.PollInterval, stoppingToken);
                    WaitingForWork?.Invoke();
                }
            }

            await Task.WhenAny([.. running, wakeUp ?? stopped]);
            if (wakeUp is { IsCompleted: true })
            {
                wakeUp = null;
            }
        }

        await Task.WhenAll(running);
    }

    private async Task<IReadOnlyList<ClaimedJob>> ClaimAsync(int count, CancellationToken stoppingToken)
    {
        try
        {
            return await queue.ClaimAsync(handler.Queue, options.Owner, options.Lease, count, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return [];
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            LogClaimFailed(logger, handler.Queue, e);
            await Task.Delay(options.PollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return [];
        }
    }

    private async Task RunClaimedAsync(ClaimedJob job, CancellationToken stoppingToken)
    {
        try
        {
            if (job.IsExhausted)
            {
                // Its last attempt's worker died: dead-letter it without running it again.
                using var settle = new CancellationTokenSource(options.SettleTimeout);
                await FailAsync(job, JobFailureReason.LeaseExpired, settle.Token);
                return;
            }

            await AttemptAsync(job, stoppingToken);
        }
        catch (Exception e)
        {
            // The loop must outlive any one job; this one's lease runs out and it is claimed again.
            LogSettleFailed(logger, job.Queue, job.Id, job.Attempt, e);
        }
    }

    private async Task AttemptAsync(ClaimedJob job, CancellationToken stoppingToken)
    {
        var attempt = new JobAttempt(queue, job, options.Owner);
        using var handlerCancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var heartbeatStop = new CancellationTokenSource();
        var keeping = KeepLeaseAsync(job, handlerCancellation, heartbeatStop.Token);
        Exception? failure = null;
        try
        {
            await handler.HandleAsync(attempt, handlerCancellation.Token);
        }
        catch (Exception e)
        {
            failure = e;
        }

        await heartbeatStop.CancelAsync();
        var leaseLost = await keeping;
        if (attempt.CompletedByHandler)
        {
            return;
        }

        if (leaseLost || failure is JobLeaseLostException)
        {
            LogLeaseLost(logger, job.Queue, job.Id, job.Attempt);
            return;
        }

        // Settling happens even while the worker stops: it is short, and it saves the job a lease's wait.
        using var settle = new CancellationTokenSource(options.SettleTimeout);
        if (failure is OperationCanceledException && stoppingToken.IsCancellationRequested)
        {
            await queue.ReleaseAsync(job, options.Owner, settle.Token);
            LogReleased(logger, job.Queue, job.Id, job.Attempt);
        }
        else if (failure is not null)
        {
            await FailAsync(job, JobFailureReason.Of(failure), settle.Token);
        }
        else if (!await queue.CompleteAsync(job, options.Owner, settle.Token))
        {
            LogLeaseLost(logger, job.Queue, job.Id, job.Attempt);
        }
    }

    /// <summary>Fails the attempt and, when that dead-letters the job, runs the handler's undo in the same transaction.</summary>
    private async Task FailAsync(ClaimedJob job, string reason, CancellationToken cancellationToken)
    {
        JobFailureOutcome outcome;
        await using (var connection = await queue.DataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            outcome = await queue.FailAsync(job, options.Owner, reason, connection, transaction, cancellationToken);
            if (outcome is JobFailureOutcome.DeadLettered)
            {
                await handler.DeadLetteredAsync(job, connection, transaction, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        switch (outcome)
        {
            case JobFailureOutcome.Retrying retrying:
                LogRetrying(logger, job.Queue, job.Id, job.Attempt, reason, retrying.RunAfter);
                break;
            case JobFailureOutcome.DeadLettered:
                LogDeadLettered(logger, job.Queue, job.Id, job.Attempt, reason);
                break;
            default:
                LogLeaseLost(logger, job.Queue, job.Id, job.Attempt);
                break;
        }
    }

    /// <summary>
    /// Renews the lease every third of it until <paramref name="stop"/>. When the lease is lost, or cannot be renewed
    /// before it runs out by this worker's clock, cancels the handler.
    /// </summary>
    /// <returns>True when the lease was lost.</returns>
    private async Task<bool> KeepLeaseAsync(ClaimedJob job, CancellationTokenSource handlerCancellation, CancellationToken stop)
    {
        var leaseUntil = job.LeaseUntil;
        try
        {
            while (true)
            {
                await Task.Delay(options.HeartbeatInterval, stop);
                var now = clock.GetCurrentInstant();
                var held = await TryHeartbeatAsync(job, stop);
                if (held == false || (held is null && clock.GetCurrentInstant() >= leaseUntil))
                {
                    break;
                }

                if (held == true)
                {
                    leaseUntil = now + options.Lease;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return false;
        }

        await handlerCancellation.CancelAsync();
        return true;
    }

    /// <returns>Whether the lease is still held; null when the database could not say.</returns>
    private async Task<bool?> TryHeartbeatAsync(ClaimedJob job, CancellationToken stop)
    {
        try
        {
            return await queue.HeartbeatAsync(job, options.Owner, options.Lease, stop);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            LogHeartbeatFailed(logger, job.Queue, job.Id, e);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not claim jobs of queue {Queue}; trying again after the poll interval")]
    private static partial void LogClaimFailed(ILogger logger, string queue, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the lease on job {JobId} of queue {Queue}")]
    private static partial void LogHeartbeatFailed(ILogger logger, string queue, Guid jobId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the lease on job {JobId} of queue {Queue} (attempt {Attempt}); another owner has it")]
    private static partial void LogLeaseLost(ILogger logger, string queue, Guid jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gave back job {JobId} of queue {Queue} (attempt {Attempt}, not counted): the worker is stopping")]
    private static partial void LogReleased(ILogger logger, string queue, Guid jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} of queue {Queue} failed attempt {Attempt} ({Reason}); retrying from {RunAfter}")]
    private static partial void LogRetrying(ILogger logger, string queue, Guid jobId, int attempt, string reason, Instant runAfter);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} of queue {Queue} failed its last attempt {Attempt} ({Reason}) and is dead-lettered")]
    private static partial void LogDeadLettered(ILogger logger, string queue, Guid jobId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not settle attempt {Attempt} of job {JobId} of queue {Queue}; it is claimed again when its lease runs out")]
    private static partial void LogSettleFailed(ILogger logger, string queue, Guid jobId, int attempt, Exception exception);
}
