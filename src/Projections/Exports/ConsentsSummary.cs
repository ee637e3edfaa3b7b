using GemPix.Domain.Consents;
using NodaTime;

namespace GemPix.Projections.Exports;

/// <summary>Each purpose's latest choice, as <c>GET /v1/me/consents</c> shows it.</summary>
internal sealed record ConsentsSummary(IReadOnlyList<ConsentsSummary.Choice> Purposes)
{
    /// <param name="NeedsRenewal">Granted to a notice that has changed since: the consent no longer counts until given again.</param>
    public sealed record Choice(ConsentPurpose Purpose, bool Granted, int NoticeVersion, ConsentSource Source, Instant At, bool NeedsRenewal);
}
