namespace GemPix.EventStore.Jobs;

/// <summary>
/// The job's lease ran out and another owner claimed it, so this attempt may not complete it. Thrown inside the
/// handler's transaction, it rolls the attempt's writes back.
/// </summary>
public sealed class JobLeaseLostException(Guid jobId)
    : Exception($"The lease on job {jobId} was lost: another owner holds the job now.")
{
    /// <summary>The job whose lease was lost.</summary>
    public Guid JobId { get; } = jobId;
}
