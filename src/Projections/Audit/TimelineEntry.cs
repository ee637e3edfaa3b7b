using NodaTime;

namespace GemPix.Projections.Audit;

/// <param name="LeafIndex">The event's leaf; null until it is sealed.</param>
public sealed record TimelineEntry(long Seq, long? LeafIndex, string Type, Instant RecordedAt, Guid StreamId, long Version, TimelineActor Actor);
