using NodaTime;

namespace GemPix.Domain.Processing;

/// <summary>Restriction of processing (GDPR Art. 18): from now on only storage; no new generations.</summary>
[StoredEvent("processing-restricted")]
public sealed record ProcessingRestricted(Guid SubjectId, Guid? RequestId, Instant At);

/// <summary>The restriction ended: processing may resume.</summary>
[StoredEvent("processing-restriction-lifted")]
public sealed record ProcessingRestrictionLifted(Guid SubjectId, string Reason, Instant At);

/// <summary>An objection (GDPR Art. 21) was recorded: no marketing, and the subject leaves model-training eligibility.</summary>
[StoredEvent("processing-objected")]
public sealed record ProcessingObjected(Guid SubjectId, Guid? RequestId, Instant At);
