namespace GemPix.EventStore.Projections;

/// <summary>How the projection daemon paces itself. The defaults suit production; tests shorten the waits.</summary>
public sealed record ProjectionDaemonOptions
{
    /// <summary>Events applied per transaction.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>How long an idle projection waits for a notification before it looks anyway.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a process that does not own a projection tries to take it over.</summary>
    public TimeSpan OwnershipRetryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The waits before each retry of a failing event; when they are used up, the projection is parked.</summary>
    public IReadOnlyList<TimeSpan> RetryDelays { get; init; } =
        [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];
}
