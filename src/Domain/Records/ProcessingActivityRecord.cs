namespace GemPix.Domain.Records;

/// <summary>One processing activity as Art. 30(1) asks it to be recorded.</summary>
/// <param name="DataCategories">The protected fields of the activity's events, <c>event.field (scope)</c>.</param>
public sealed record ProcessingActivityRecord(
    string Name,
    string Purpose,
    string LegalBasis,
    IReadOnlyList<string> DataCategories,
    IReadOnlyList<string> Recipients,
    string Retention,
    string AutomatedDecisions,
    string SecurityMeasures);
