namespace GemPix.Domain.Records;

/// <summary>
/// Declares, on an aggregate's decider, the processing activity its events record (GDPR Art. 30(1)): why, on what
/// legal basis, to whom data goes, and how long it is kept. The categories of personal data are not declared here:
/// they are read from the aggregate's events (every <c>Personal&lt;T&gt;</c> and <c>Billing&lt;T&gt;</c> field), so a new
/// field appears in the records the day it is added.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ProcessingActivityAttribute(string name, string purpose, string legalBasis) : Attribute
{
    public string Name { get; } = name;

    public string Purpose { get; } = purpose;

    public string LegalBasis { get; } = legalBasis;

    /// <summary>Categories of recipients (processors), never named people.</summary>
    public string[] Recipients { get; init; } = [];

    /// <summary>How long the personal data is kept, in words a record of processing uses.</summary>
    public string Retention { get; init; } = "until erasure is requested or the account is closed";

    /// <summary>Categories of data kept outside the events (tables of their own), named where the activity is declared.</summary>
    public string[] DataCategories { get; init; } = [];

    /// <summary>The names of the <see cref="Retention.RetentionClasses"/> that also govern this activity's data; their statements join <see cref="Retention"/>.</summary>
    public string[] RetentionClasses { get; init; } = [];

    /// <summary>Whether the activity makes decisions by automated means (Art. 22), and which.</summary>
    public string AutomatedDecisions { get; init; } = "none";
}
