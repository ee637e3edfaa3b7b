using NodaTime;

namespace GemPix.Domain.Protection;

/// <summary>One asset's key was destroyed (an image deleted, a transient upload purged); the subject's other data stays readable.</summary>
[StoredEvent("asset-shredded")]
public sealed record AssetShredded(Guid SubjectId, Guid AssetId, IReadOnlyList<Guid> KeyIds, string Reason, Instant At);
