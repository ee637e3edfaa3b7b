using NodaTime;

namespace GemPix.Domain.Accounts;

/// <summary>
/// A birth date a living person can have: on or after <see cref="Earliest"/> and not after the day of registration.
/// Checked before the age gate, so that a typing slip (<c>0000-01-01</c>, next year) is named as such instead of
/// passing as a very old person or failing as a child.
/// </summary>
public static class BirthDateRule
{
    /// <summary>Nobody alive was born before it; later limits would refuse real centenarians.</summary>
    public static LocalDate Earliest { get; } = new(1900, 1, 1);

    /// <summary>Why <paramref name="birthDate"/> is not one, on <paramref name="today"/> (UTC); null when it is.</summary>
    public static InvalidAccountField? Check(LocalDate birthDate, LocalDate today) =>
        birthDate < Earliest || birthDate > today
            ? new InvalidAccountField("birth-date", "The birthDate must be on or after 1900-01-01 and not in the future.")
            : null;
}
