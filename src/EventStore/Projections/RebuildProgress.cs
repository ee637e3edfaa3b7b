namespace GemPix.EventStore.Projections;

/// <summary>How far a rebuild has come: events replayed of the events there were when it began.</summary>
public readonly record struct RebuildProgress(long Done, long Total);
