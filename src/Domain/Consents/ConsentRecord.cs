using NodaTime;

namespace GemPix.Domain.Consents;

/// <summary>One purpose's latest choice.</summary>
public sealed record ConsentRecord(ConsentPurpose Purpose, bool Granted, int NoticeVersion, ConsentSource Source, Instant At)
{
    /// <summary>Granted to a notice that has since changed: ask again.</summary>
    public bool NeedsRenewal(ConsentNotices notices) => Granted && NoticeVersion < notices.CurrentVersion(Purpose);
}
