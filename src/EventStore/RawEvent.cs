using GemPix.EventStore.Protection;
using NodaTime;

namespace GemPix.EventStore;

/// <summary>An event row as read, before its data is decrypted and deserialised.</summary>
internal sealed record RawEvent(
    long Seq, Guid Id, Guid StreamId, long Version, string Type, int SchemaVersion, StoredEventData Data,
    string Metadata, Guid? SubjectId, Instant RecordedAt, GlobalPosition Position);
