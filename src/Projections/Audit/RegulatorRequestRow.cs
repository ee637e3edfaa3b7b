namespace GemPix.Projections.Audit;

/// <summary>A regulator's request: its subject (null once the subject was erased), reference and legal basis.</summary>
public sealed record RegulatorRequestRow(Guid RequestId, Guid? SubjectId, string Reference, string LegalBasis);
