using System.Collections.Immutable;

namespace GemPix.Domain.Consents;

/// <summary>A subject's consents, one record per purpose that was ever chosen.</summary>
public sealed record ConsentState(Guid SubjectId, ImmutableDictionary<ConsentPurpose, ConsentRecord> Records)
{
    public static ConsentState For(Guid subjectId) => new(subjectId, ImmutableDictionary<ConsentPurpose, ConsentRecord>.Empty);

    public bool IsGranted(ConsentPurpose purpose) => Records.TryGetValue(purpose, out var record) && record.Granted;

    /// <summary>Model training needs consent to the notice as it stands now.</summary>
    public bool AllowsModelTraining(ConsentNotices notices) =>
        Records.TryGetValue(ConsentPurpose.ModelTraining, out var record) && record.Granted && record.NoticeVersion == notices.CurrentVersion(ConsentPurpose.ModelTraining);
}
