using GemPix.Domain.Protection;
using NodaTime;

namespace GemPix.Projections.Exports;

/// <summary>The profile as it stands: the latest email and display name after every correction.</summary>
/// <param name="Erased">Whether the account was closed by erasure.</param>
internal sealed record ProfileSummary(
    Personal<string> Email,
    Personal<string> DisplayName,
    string Country,
    Personal<LocalDate> BirthDate,
    Instant RegisteredAt,
    bool Erased,
    int SessionsStarted,
    Instant? LastSignedInAt);
