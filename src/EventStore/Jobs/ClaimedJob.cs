using NodaTime;

namespace GemPix.EventStore.Jobs;

/// <summary>
/// A job claimed by one owner for one attempt. The owner and <see cref="Attempt"/> together name the lease: a
/// heartbeat, completion or failure counts only while the job is still running under both.
/// </summary>
/// <param name="Attempt">This claim's number, from 1.</param>
/// <param name="LeaseUntil">When the lease runs out unless a heartbeat extends it; then another owner may claim the job.</param>
public sealed record ClaimedJob(
    Guid Id,
    string Queue,
    Guid? SubjectId,
    string Payload,
    int Attempt,
    int MaxAttempts,
    Instant LeaseUntil,
    Instant CreatedAt)
{
    /// <summary>
    /// True when a worker died during the last allowed attempt and this claim took over its expired lease. Such a
    /// job is not run again: its owner fails it, which dead-letters it.
    /// </summary>
    public bool IsExhausted => Attempt > MaxAttempts;
}
