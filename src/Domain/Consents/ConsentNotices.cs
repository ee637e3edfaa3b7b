namespace GemPix.Domain.Consents;

/// <summary>
/// The current version of each purpose's notice. A consent given to an older version needs renewal; model
/// training requires consent to the current one.
/// </summary>
public sealed record ConsentNotices(IReadOnlyDictionary<ConsentPurpose, int> Current)
{
    public static ConsentNotices Default { get; } = new(new Dictionary<ConsentPurpose, int>
    {
        [ConsentPurpose.Analytics] = 1,
        [ConsentPurpose.Marketing] = 1,
        [ConsentPurpose.ModelTraining] = 1,
    });

    public int CurrentVersion(ConsentPurpose purpose) => Current[purpose];
}
