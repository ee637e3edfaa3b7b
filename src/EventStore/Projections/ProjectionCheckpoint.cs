using NodaTime;

namespace GemPix.EventStore.Projections;

/// <summary>Where a projection stands, and, when parked, the event it stopped at and why.</summary>
public sealed record ProjectionCheckpoint(
    string Name, GlobalPosition Position, ProjectionState State, long? FailedSeq, string? Error, int Attempts, Instant UpdatedAt);

/// <summary>A running projection follows the log; a parked one waits for an operator after an event kept failing.</summary>
public enum ProjectionState
{
    Running,
    Parked,
}
