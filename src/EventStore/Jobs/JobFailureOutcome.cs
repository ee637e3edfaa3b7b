using NodaTime;

namespace GemPix.EventStore.Jobs;

/// <summary>What a failed attempt led to: a retry, the dead letter, or nothing because the lease was lost.</summary>
public abstract record JobFailureOutcome
{
    private JobFailureOutcome()
    {
    }

    /// <summary>The job is queued again and claimable from <paramref name="RunAfter"/> on.</summary>
    public sealed record Retrying(Instant RunAfter) : JobFailureOutcome;

    /// <summary>
    /// That was the last attempt: the job is dead and stays so, kept for inspection. Answered once per job, to the
    /// owner of its last attempt, so that whatever the job held (credits) is given back exactly once.
    /// </summary>
    public sealed record DeadLettered() : JobFailureOutcome;

    /// <summary>The caller no longer held the lease (it ran out and another owner claimed the job): nothing changed.</summary>
    public sealed record LeaseLost() : JobFailureOutcome;
}
