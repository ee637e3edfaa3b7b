using NodaTime;

namespace GemPix.Domain.Protection;

/// <summary>A subject's keys of some scopes were destroyed: their data is unreadable everywhere from now on. Holds no personal data.</summary>
[StoredEvent("subject-shredded")]
public sealed record SubjectShredded(Guid SubjectId, Guid? RequestId, IReadOnlyList<string> Scopes, IReadOnlyList<Guid> KeyIds, Guid CertificateId, Instant At);
