using NodaTime;

namespace GemPix.Domain.PrivacyRequests;

/// <summary>
/// When a request must be answered, by jurisdiction, with calendar arithmetic on dates in UTC.
/// <para>
/// GDPR Art. 12(3): one month from receipt, extendable by two further months. Months are calendar months
/// (Regulation 1182/71 Art. 3): a month from 31 January ends on the last day of February. The later due date
/// is counted from receipt too: receipt plus three months, not the first due date plus two.
/// </para>
/// <para>
/// CCPA (Cal. Civ. Code 1798.130(a)(2)): 45 days from receipt, extendable once by up to 45 more (90 in all);
/// receipt confirmed within 10 business days (11 CCR 7021(a)).
/// </para>
/// <para>
/// A due date is inclusive: the request is on time throughout it, and overdue from the start of the next
/// day in UTC, the exclusive <see cref="DueAt"/>. No date is moved off a weekend or public holiday: that would
/// only make a deadline later, and ours are never later than the law's.
/// </para>
/// </summary>
public static class RequestDeadlines
{
    /// <summary>GDPR Art. 12(3): one calendar month, three at most; no acknowledgement limit.</summary>
    public static DeadlineRule Gdpr { get; } = new(Jurisdiction.Gdpr, DeadlineUnit.Months, 1, 3, null);

    /// <summary>CCPA: 45 days, 90 at most; acknowledged within 10 business days.</summary>
    public static DeadlineRule Ccpa { get; } = new(Jurisdiction.Ccpa, DeadlineUnit.Days, 45, 90, 10);

    /// <summary>The day a request arrived, in UTC: every deadline counts from it.</summary>
    public static LocalDate ReceivedOn(Instant receivedAt) => receivedAt.InUtc().Date;

    /// <summary>The first due date: the day the answer is due on, without an extension.</summary>
    public static LocalDate DueOn(DeadlineRule rule, LocalDate receivedOn) => Plus(receivedOn, rule.Unit, rule.Response);

    /// <summary>The latest date an extension may move the due date to.</summary>
    public static LocalDate LatestDueOn(DeadlineRule rule, LocalDate receivedOn) => Plus(receivedOn, rule.Unit, rule.Maximum);

    /// <summary>The date receipt must be confirmed by, or null where the rule sets no limit.</summary>
    public static LocalDate? AcknowledgeBy(DeadlineRule rule, LocalDate receivedOn) =>
        rule.AcknowledgementBusinessDays is { } days ? PlusBusinessDays(receivedOn, days) : null;

    /// <summary>
    /// The date <paramref name="days"/> business days after <paramref name="date"/>. Business days are Monday to
    /// Friday; there is no holiday calendar, so a public holiday counts as a business day (the date is earlier,
    /// never later, than one that skipped it).
    /// </summary>
    public static LocalDate PlusBusinessDays(LocalDate date, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var result = date;
        while (days > 0)
        {
            result = result.PlusDays(1);
            if (result.DayOfWeek is not IsoDayOfWeek.Saturday and not IsoDayOfWeek.Sunday)
            {
                days--;
            }
        }

        return result;
    }

    /// <summary>The instant a due date ends: the start of the following day in UTC. Exclusive: at it, the request is overdue.</summary>
    public static Instant DueAt(LocalDate dueOn) => dueOn.PlusDays(1).AtMidnight().InUtc().ToInstant();

    /// <summary>Whole days from the day of <paramref name="at"/> (UTC) to the due date: 0 on the due date, negative once overdue.</summary>
    public static int DaysLeft(LocalDate dueOn, Instant at) => Period.Between(at.InUtc().Date, dueOn, PeriodUnits.Days).Days;

    /// <summary>Whether the due date has ended at <paramref name="at"/>.</summary>
    public static bool IsOverdue(LocalDate dueOn, Instant at) => at >= DueAt(dueOn);

    /// <summary>Whether the due date ends within <paramref name="threshold"/> of <paramref name="at"/> and has not ended yet.</summary>
    public static bool IsDueSoon(LocalDate dueOn, Instant at, Duration threshold) => !IsOverdue(dueOn, at) && DueAt(dueOn) - at <= threshold;

    private static LocalDate Plus(LocalDate date, DeadlineUnit unit, int length) => unit switch
    {
        DeadlineUnit.Months => date.PlusMonths(length),
        DeadlineUnit.Days => date.PlusDays(length),
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown deadline unit."),
    };
}
