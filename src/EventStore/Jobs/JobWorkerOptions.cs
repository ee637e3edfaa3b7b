using NodaTime;

namespace GemPix.EventStore.Jobs;

/// <summary>How a <see cref="JobWorker"/> claims and keeps its jobs. The defaults suit production; tests shorten the waits.</summary>
public sealed record JobWorkerOptions
{
    /// <summary>
    /// The name this worker holds leases under: unique per worker, so that an operator can tell who holds a job.
    /// The default names the host and process, never a person.
    /// </summary>
    public string Owner { get; init; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>How long a claim holds a job without a heartbeat; the worker renews it every third of this.</summary>
    public Duration Lease
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, Duration.Zero);
            field = value;
        }
    } = Duration.FromMinutes(1);

    /// <summary>How many jobs this worker runs at once.</summary>
    public int MaxConcurrency
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = 1;

    /// <summary>How long an idle worker waits for a wake-up before it looks anyway: the latest a retry or delayed job starts after it falls due.</summary>
    public TimeSpan PollInterval
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            field = value;
        }
    } = TimeSpan.FromSeconds(2);

    /// <summary>How long the bookkeeping after an attempt (complete, fail, release) may take when the worker is stopping.</summary>
    public TimeSpan SettleTimeout
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            field = value;
        }
    } = TimeSpan.FromSeconds(10);

    internal TimeSpan HeartbeatInterval => Lease.ToTimeSpan() / 3;
}
