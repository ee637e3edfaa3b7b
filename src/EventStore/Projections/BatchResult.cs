namespace GemPix.EventStore.Projections;

/// <summary>What one step of a projection did.</summary>
public readonly record struct BatchResult(BatchOutcome Outcome, int Applied, GlobalPosition Position);

public enum BatchOutcome
{
    /// <summary>Events were applied and the checkpoint moved.</summary>
    Applied,

    /// <summary>Nothing new to apply.</summary>
    Idle,

    /// <summary>An event failed and will be retried after a wait.</summary>
    Retrying,

    /// <summary>The projection is parked: an event kept failing, and an operator must act.</summary>
    Parked,
}
