using NodaTime;

namespace GemPix.EventStore.Ledger;

/// <summary>An event with its place in the ledger, exactly as stored: personal values stay ciphertext.</summary>
/// <param name="Data">The stored data, as PostgreSQL writes its <c>jsonb</c>.</param>
/// <param name="LeafInput">The bytes its leaf hashes: SHA-256(0x00 ‖ LeafInput) is level 0 of the tree.</param>
public sealed record SealedEvent(
    long LeafIndex,
    long Seq,
    Guid Id,
    Guid StreamId,
    long Version,
    string Type,
    int SchemaVersion,
    Guid? SubjectId,
    string Data,
    string Metadata,
    Instant RecordedAt,
    byte[] LeafInput);
