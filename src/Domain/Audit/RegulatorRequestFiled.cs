using NodaTime;

namespace GemPix.Domain.Audit;

/// <summary>
/// A supervisory authority asked for a subject's records. Its reference and legal basis are the authority's, not
/// the subject's data; the subject sees the request, and every export it leads to, in their own access log.
/// </summary>
/// <param name="Regulator">The regulator's API key id.</param>
[StoredEvent("regulator-request-filed")]
public sealed record RegulatorRequestFiled(Guid SubjectId, Guid RequestId, string Regulator, string Reference, string LegalBasis, Instant At);
