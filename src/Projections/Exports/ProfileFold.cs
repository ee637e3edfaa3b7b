using GemPix.Domain.Accounts;
using GemPix.EventStore;

namespace GemPix.Projections.Exports;

/// <summary>Folds the account's events into <see cref="ProfileSummary"/>: registration, then corrections on top.</summary>
internal sealed class ProfileFold : ISummaryFold
{
    private ProfileSummary? _profile;

    public ExportCategory Category => ExportCategory.Profile;

    public Type SummaryType => typeof(ProfileSummary);

    /// <summary>The profile so far; null before registration.</summary>
    public ProfileSummary? Profile => _profile;

    public void Apply(RecordedEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        _profile = (recorded.Data, _profile) switch
        {
            (AccountRegistered r, _) => new ProfileSummary(r.Email, r.DisplayName, r.Country, r.BirthDate, r.At, false, 0, null),
            (DisplayNameCorrected c, { } p) => p with { DisplayName = c.DisplayName },
            (EmailCorrected c, { } p) => p with { Email = c.Email },
            (SessionStarted s, { } p) => p with { SessionsStarted = p.SessionsStarted + 1, LastSignedInAt = s.At },
            (AccountErased, { } p) => p with { Erased = true },
            _ => _profile,
        };
    }

    public object? Summarize(IReadOnlyDictionary<Guid, ImageStatus> images) => _profile;
}
