using NodaTime;

namespace GemPix.Cli.Seeding;

/// <summary>
/// One synthetic person and what they go on to do, drawn from a seed by <see cref="SyntheticSubjects"/>. Nothing here
/// is written until <see cref="SubjectSeeder"/> writes it, through the same domain paths the API takes.
/// </summary>
internal sealed record SyntheticSubject(
    int Index,
    string Email,
    string Password,
    string DisplayName,
    string Country,
    LocalDate BirthDate,
    IReadOnlyList<SyntheticConsent> Consents,
    bool SendsGlobalPrivacyControl,
    IReadOnlyList<SyntheticPurchase> Purchases,
    IReadOnlyList<SyntheticUpload> Uploads,
    IReadOnlyList<SyntheticGeneration> Generations,
    SyntheticPrivacyRequest? PrivacyRequest);
