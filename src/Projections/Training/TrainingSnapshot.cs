using NodaTime;

namespace GemPix.Projections.Training;

/// <summary>A training snapshot as recorded: how many items, and the root hash that pins them.</summary>
public sealed record TrainingSnapshot(Guid SnapshotId, Instant TakenAt, int ItemCount, string ItemsRoot);
