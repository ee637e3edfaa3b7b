using NodaTime;

namespace GemPix.EventStore.Jobs;

/// <summary>One queue's jobs by status, for operators and health checks.</summary>
/// <param name="Queued">Waiting, due or not (a retry's backoff, a delayed job).</param>
/// <param name="Running">Held under a lease, expired or not.</param>
/// <param name="ExpiredLeases">Running jobs whose lease ran out: a worker crashed or hung; they are claimed again.</param>
/// <param name="Dead">Dead-lettered after their last attempt; kept for inspection.</param>
/// <param name="OldestDue">When the longest-waiting claimable job fell due; null when none is due. How far behind the workers are.</param>
public sealed record JobQueueStatistics(
    string Queue,
    long Queued,
    long Running,
    long ExpiredLeases,
    long Succeeded,
    long Dead,
    Instant? OldestDue);
