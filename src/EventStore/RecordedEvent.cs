using NodaTime;

namespace GemPix.EventStore;

/// <summary>An event as stored, its data deserialised (and upcast) to its current CLR type.</summary>
public sealed record RecordedEvent(
    long Seq,
    Guid Id,
    Guid StreamId,
    long Version,
    string Type,
    object Data,
    EventMetadata Metadata,
    Guid? SubjectId,
    Instant RecordedAt,
    GlobalPosition Position);
