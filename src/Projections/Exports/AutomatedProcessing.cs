namespace GemPix.Projections.Exports;

/// <summary>GDPR Art. 15(1)(h): what is processed automatically, how, and whether it decides anything that matters.</summary>
/// <param name="Activities">Each automated activity, with meaningful information about its logic.</param>
/// <param name="LegalOrSimilarlySignificantEffects">Whether any decision based solely on it has legal or similarly significant effects (GDPR Art. 22).</param>
/// <param name="Consequences">What the processing means for the person, in words.</param>
public sealed record AutomatedProcessing(IReadOnlyList<string> Activities, bool LegalOrSimilarlySignificantEffects, string Consequences);
