using NodaTime;

namespace GemPix.Domain.Protection;

/// <summary>
/// A data key was created. The commitment (a hash binding the key id and its bytes, never the key) lets a
/// deletion certificate name the exact key it says was destroyed.
/// </summary>
[StoredEvent("key-created")]
public sealed record KeyCreated(Guid KeyId, Guid SubjectId, string Scope, Guid? AssetId, string Commitment, Instant CreatedAt);
