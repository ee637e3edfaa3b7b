namespace GemPix.EventStore.Ledger;

/// <summary>An event with its place in the ledger, exactly as stored: personal values stay ciphertext.</summary>
/// <param name="Event">Its columns as stored; data and metadata as PostgreSQL writes their <c>jsonb</c>.</param>
/// <param name="LeafInput">The bytes its leaf hashes: SHA-256(0x00 ‖ LeafInput) is level 0 of the tree.</param>
public sealed record SealedEvent(long LeafIndex, LedgerEventColumns Event, byte[] LeafInput);
