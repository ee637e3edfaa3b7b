namespace GemPix.Domain.PrivacyRequests;

/// <summary>A kind of data GemPix holds about a subject, as an access or portability export names it.</summary>
public enum DataCategory
{
    /// <summary>The account: email, display name, country, birth date.</summary>
    Profile,

    Consents,

    Uploads,

    /// <summary>Generated images with their prompts and provenance.</summary>
    Generations,

    /// <summary>Credit balance, purchases and refunds.</summary>
    CreditsAndBilling,

    /// <summary>The subject's own privacy requests and how they were answered.</summary>
    PrivacyRequests,

    /// <summary>Who other than the subject read the subject's data, and why.</summary>
    AccessLog,
}
