namespace GemPix.Projections.Exports;

/// <summary>One purpose of processing, its legal basis (GDPR Art. 6(1)) and what it covers.</summary>
/// <param name="Name">e.g. <c>Service delivery</c>.</param>
/// <param name="LegalBasis">e.g. <c>Contract (GDPR Art. 6(1)(b))</c>.</param>
/// <param name="Description">What is done for it, in a person's words.</param>
public sealed record ProcessingPurpose(string Name, string LegalBasis, string Description);
