using System.Collections.Immutable;

namespace GemPix.Domain.Credits;

/// <summary>
/// A subject's credits: what is available, what is reserved for running generations, and each purchase
/// (with whether it was refunded). Available never goes below zero.
/// </summary>
public sealed record CreditState(
    Guid SubjectId,
    int Available,
    ImmutableDictionary<Guid, int> Reservations,
    ImmutableDictionary<Guid, (int Credits, bool Refunded)> Purchases)
{
    public static CreditState For(Guid subjectId) =>
        new(subjectId, 0, ImmutableDictionary<Guid, int>.Empty, ImmutableDictionary<Guid, (int, bool)>.Empty);

    public int Reserved => Reservations.Values.Sum();
}
