using Npgsql;

namespace GemPix.EventStore.Jobs;

/// <summary>
/// One attempt at a job, as its handler sees it: the job, and a way to complete it inside the handler's own
/// transaction so that completion commits with the result's events.
/// </summary>
public sealed class JobAttempt
{
    private readonly JobQueue _queue;

    internal JobAttempt(JobQueue queue, ClaimedJob job, string owner)
    {
        _queue = queue;
        Job = job;
        Owner = owner;
    }

    /// <summary>The job and this attempt's number.</summary>
    public ClaimedJob Job { get; }

    /// <summary>The lease's owner: this worker.</summary>
    public string Owner { get; }

    /// <summary>Whether the handler completed the job itself; the worker then leaves completion alone.</summary>
    internal bool CompletedByHandler { get; private set; }

    /// <summary>
    /// Completes the job inside <paramref name="transaction"/>. Should that transaction roll back afterwards, the
    /// job stays running until its lease runs out and is then claimed again.
    /// </summary>
    /// <exception cref="JobLeaseLostException">Another owner holds the job now: roll back.</exception>
    public async Task CompleteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (!await _queue.CompleteAsync(Job, Owner, connection, transaction, cancellationToken))
        {
            throw new JobLeaseLostException(Job.Id);
        }

        CompletedByHandler = true;
    }
}
