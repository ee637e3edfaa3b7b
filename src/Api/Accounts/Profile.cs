using GemPix.Domain.Accounts;
using NodaTime;

namespace GemPix.Api.Accounts;

/// <summary>What <c>GET /v1/me</c> shows, folded live from the account's stream (a handful of events per person).</summary>
public sealed record Profile(Guid SubjectId, string? Email, string? DisplayName, string Country, LocalDate? BirthDate, Instant CreatedAt)
{
    public static Profile? Evolve(Profile? profile, object @event) => (profile, @event) switch
    {
        (_, AccountRegistered r) => new Profile(r.SubjectId, r.Email.ValueOr(null), r.DisplayName.ValueOr(null), r.Country, r.BirthDate.IsErased ? null : r.BirthDate.Value, r.At),
        ({ } p, DisplayNameCorrected c) => p with { DisplayName = c.DisplayName.ValueOr(null) },
        ({ } p, EmailCorrected c) => p with { Email = c.Email.ValueOr(null) },
        (_, AccountErased) => null,
        _ => profile,
    };
}
