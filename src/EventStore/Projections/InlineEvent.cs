using NodaTime;

namespace GemPix.EventStore.Projections;

/// <summary>An event of the unit of work being appended, as an inline projection sees it.</summary>
public sealed record InlineEvent(Guid Id, Guid StreamId, Guid? SubjectId, object Data, EventMetadata Metadata, Instant RecordedAt);
