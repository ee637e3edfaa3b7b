using NodaTime;

namespace GemPix.Domain.Accounts;

/// <summary>Whether a person born on a date is old enough, on a given day, to consent in their country.</summary>
public static class AgeGate
{
    /// <summary>
    /// Age in whole years by calendar arithmetic: someone born on 29 February turns a year older on
    /// 28 February in common years (NodaTime's period arithmetic truncates to the month's end).
    /// </summary>
    public static int AgeOn(LocalDate birthDate, LocalDate today) => Period.Between(birthDate, today, PeriodUnits.Years).Years;

    public static bool IsOldEnough(LocalDate birthDate, string country, LocalDate today) =>
        birthDate <= today && AgeOn(birthDate, today) >= DigitalConsentAge.For(country);
}
