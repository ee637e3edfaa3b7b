using Npgsql;

namespace GemPix.EventStore.Jobs;

/// <summary>The work behind one queue, run by a <see cref="JobWorker"/>.</summary>
public interface IJobHandler
{
    /// <summary>The queue this handler serves.</summary>
    string Queue { get; }

    /// <summary>
    /// Does the job. Returning completes it; throwing fails the attempt (retried with backoff, then dead-lettered),
    /// recorded with the exception's type name only. The token is cancelled when the lease is lost or the worker
    /// stops: stop then, since another owner may be running the job. May run more than once for a job: be idempotent.
    /// </summary>
    Task HandleAsync(JobAttempt attempt, CancellationToken cancellationToken);

    /// <summary>
    /// The job was dead-lettered: undo what it held (refund its credits), inside the transaction that dead-letters
    /// it, so that this happens exactly once. Throwing rolls the dead letter back; the job is then dead-lettered
    /// again once its lease runs out.
    /// </summary>
    Task DeadLetteredAsync(ClaimedJob job, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
