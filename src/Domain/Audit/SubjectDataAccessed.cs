using NodaTime;

namespace GemPix.Domain.Audit;

/// <summary>
/// Someone other than the subject read the subject's data: an auditor, a regulator or an operator, with why and
/// what. The subject sees every such read in their own export (the access log). Names no person: accessors are
/// named by kind and key id.
/// </summary>
/// <param name="AccessorKind"><c>auditor</c>, <c>regulator</c>, <c>operator</c> or <c>admin</c>.</param>
/// <param name="AccessorId">The API key's id, or the operator's name for the CLI.</param>
/// <param name="Purpose">Why: the legal basis and reference of a regulator's request, or the audit's purpose.</param>
/// <param name="Access">What was read: a route template or an export's name.</param>
[StoredEvent("subject-data-accessed")]
public sealed record SubjectDataAccessed(Guid SubjectId, string AccessorKind, string AccessorId, string Purpose, string Access, Instant At);
