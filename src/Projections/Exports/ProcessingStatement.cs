namespace GemPix.Projections.Exports;

/// <summary>
/// The facts GDPR Art. 15(1) and (2) require an answer to an access request to state besides the data itself:
/// purposes, recipients, retention, rights, source, automated decision-making and transfers. The export prints it
/// in <c>index.html</c>; the caller supplies it from the code's declarations, or takes <see cref="Default"/>, built
/// from the privacy policy.
/// </summary>
/// <param name="Controller">Who is responsible for the processing.</param>
/// <param name="Contact">Where a person exercises their rights.</param>
/// <param name="Purposes">Art. 15(1)(a): why the data is processed, each with its legal basis.</param>
/// <param name="Recipients">Art. 15(1)(c): the categories of recipients.</param>
/// <param name="Retention">Art. 15(1)(d): how long each category (by <see cref="ExportCategory.Name"/>) is kept, or the criteria.</param>
/// <param name="Rights">Art. 15(1)(e) and (f): rectification, erasure, restriction, objection, complaint.</param>
/// <param name="Source">Art. 15(1)(g): where the data came from.</param>
/// <param name="AutomatedProcessing">Art. 15(1)(h): automated processing and what it decides.</param>
/// <param name="Transfers">Art. 15(2): safeguards for transfers outside the EEA.</param>
public sealed partial record ProcessingStatement(
    string Controller,
    string Contact,
    IReadOnlyList<ProcessingPurpose> Purposes,
    IReadOnlyList<string> Recipients,
    IReadOnlyDictionary<string, string> Retention,
    IReadOnlyList<string> Rights,
    string Source,
    AutomatedProcessing AutomatedProcessing,
    string Transfers)
{
    /// <summary>The retention of a category, or a plain statement that none is declared (never silence).</summary>
    public string RetentionOf(ExportCategory category)
    {
        ArgumentNullException.ThrowIfNull(category);
        return Retention.GetValueOrDefault(category.Name, "No retention period is declared for this category; ask us and we will tell you.");
    }
}
