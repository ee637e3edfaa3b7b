using System.Collections.Concurrent;
using GemPix.EventStore.Jobs;
using Npgsql;

namespace GemPix.EventStore.Tests.Jobs;

/// <summary>
/// A handler that records its attempts and runs <see cref="Body"/> for each; a dead letter inserts the job's id
/// into <see cref="RefundTable"/> inside the dead letter's transaction, as a credit refund would append its event.
/// </summary>
public sealed class RecordingHandler(string queue, string refundTable) : IJobHandler
{
    public string Queue { get; } = queue;

    public string RefundTable { get; } = refundTable;

    public Func<JobAttempt, CancellationToken, Task> Body { get; init; } = (_, _) => Task.CompletedTask;

    public ConcurrentQueue<(Guid Id, int Attempt)> Attempts { get; } = new();

    public ConcurrentQueue<Guid> DeadLettered { get; } = new();

    public Task HandleAsync(JobAttempt attempt, CancellationToken cancellationToken)
    {
        Attempts.Enqueue((attempt.Job.Id, attempt.Job.Attempt));
        return Body(attempt, cancellationToken);
    }

    public async Task DeadLetteredAsync(ClaimedJob job, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"INSERT INTO {RefundTable} (job_id) VALUES ($1)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = job.Id });
        await command.ExecuteNonQueryAsync(cancellationToken);
        DeadLettered.Enqueue(job.Id);
    }
}
