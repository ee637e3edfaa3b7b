using GemPix.Domain;

namespace GemPix.Projections.Exports;

/// <summary>
/// A part of what we hold about a person, as the export presents it: one file <c>data/&lt;name&gt;.json</c>. An
/// event belongs to the category of the domain area (the folder and namespace under <c>GemPix.Domain</c>) its record
/// is declared in, so a new event needs no change here; an area this list does not name goes to <see cref="Other"/>.
/// </summary>
/// <param name="Name">The file name and the key in the manifest's counts, e.g. <c>credits-and-billing</c>.</param>
/// <param name="Title">The heading a person reads.</param>
/// <param name="Description">What the category holds, in a sentence a person understands.</param>
/// <param name="DomainArea">The namespace segment under <c>GemPix.Domain</c>; null for <see cref="Other"/>.</param>
public sealed record ExportCategory(string Name, string Title, string Description, string? DomainArea)
{
    private const string DomainNamespace = "GemPix.Domain.";

    public static ExportCategory Profile { get; } = new(
        "profile", "Profile",
        "Your account: the email address, display name, country and birth date you gave us and any corrections, and when you signed in.",
        "Accounts");

    public static ExportCategory Consents { get; } = new(
        "consents", "Consents",
        "Every choice you made about analytics, marketing and model training: the notice version, and whether it came from you or from your browser's Global Privacy Control signal.",
        "Consents");

    public static ExportCategory Uploads { get; } = new(
        "uploads", "Uploads",
        "The images you uploaded: format, dimensions, size, checksum, whether you asked us to keep them, and when they were deleted.",
        "Uploads");

    public static ExportCategory Generations { get; } = new(
        "generations", "Generations",
        "The images you asked us to generate: your prompts and parameters, every attempt and its outcome, and deletions.",
        "Generations");

    public static ExportCategory CreditsAndBilling { get; } = new(
        "credits-and-billing", "Credits and billing",
        "The credits you bought, with their payment references, refunds, and the credits reserved for and spent on generations.",
        "Credits");

    public static ExportCategory Processing { get; } = new(
        "processing", "Restriction and objection",
        "Whether you restricted our processing (GDPR Art. 18) or objected to it (Art. 21), and when a restriction was lifted and why.",
        "Processing");

    public static ExportCategory PrivacyRequests { get; } = new(
        "privacy-requests", "Privacy requests",
        "The requests you made under data protection law (access, portability, erasure and the others) and how each was handled.",
        "PrivacyRequests");

    public static ExportCategory AccessLog { get; } = new(
        "access-log", "Access log",
        "Every time an auditor, a regulator or an operator read your data: who (by role and key), when, why and what.",
        "Audit");

    public static ExportCategory Keys { get; } = new(
        "keys", "Encryption keys",
        "When each key that encrypts your data was created and destroyed, with a commitment that names it. No key material is ever recorded.",
        "Protection");

    public static ExportCategory Other { get; } = new(
        "other", "Other records",
        "Records about you that belong to none of the categories above.",
        null);

    /// <summary>Every category, in the order the export presents them.</summary>
    public static IReadOnlyList<ExportCategory> All { get; } =
        [Profile, Consents, Uploads, Generations, CreditsAndBilling, Processing, PrivacyRequests, AccessLog, Keys, Other];

    private static readonly Dictionary<string, ExportCategory> ByArea =
        All.Where(c => c.DomainArea is not null).ToDictionary(c => c.DomainArea!, StringComparer.Ordinal);

    /// <summary>The category of an event record, from the domain area it is declared in.</summary>
    public static ExportCategory Of(Type eventType)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        var ns = eventType.Namespace;
        if (eventType.Assembly != typeof(StoredEventAttribute).Assembly || ns is null || !ns.StartsWith(DomainNamespace, StringComparison.Ordinal))
        {
            return Other;
        }

        var area = ns[DomainNamespace.Length..].Split('.')[0];
        return ByArea.GetValueOrDefault(area, Other);
    }
}
