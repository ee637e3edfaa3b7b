using NodaTime;

namespace GemPix.Domain.Consents;

[StoredEvent("consent-given")]
public sealed record ConsentGiven(Guid SubjectId, ConsentPurpose Purpose, int NoticeVersion, ConsentSource Source, Instant At);

[StoredEvent("consent-withdrawn")]
public sealed record ConsentWithdrawn(Guid SubjectId, ConsentPurpose Purpose, int NoticeVersion, ConsentSource Source, Instant At);
