namespace GemPix.EventStore.Projections;

/// <summary>A projection stopped at an event that kept failing; the checkpoint says which and why.</summary>
public sealed class ProjectionParkedException(ProjectionCheckpoint checkpoint)
    : Exception($"Projection '{checkpoint.Name}' is parked at event {checkpoint.FailedSeq}: {checkpoint.Error}")
{
    public ProjectionCheckpoint Checkpoint { get; } = checkpoint;
}
