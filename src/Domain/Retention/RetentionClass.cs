using NodaTime;

namespace GemPix.Domain.Retention;

/// <summary>
/// How long one kind of data is kept, and from when: the single declaration that the retention enforcer applies,
/// that the records of processing (Art. 30) print and that exports state.
/// </summary>
/// <param name="Name">A stable name (<c>transient-uploads</c>).</param>
/// <param name="Data">What it governs, in words.</param>
/// <param name="Period">How long after <paramref name="From"/> the data goes.</param>
/// <param name="From">The moment the period runs from, in words.</param>
/// <param name="Enforcement">How it goes: key destruction, partition drop, row deletion.</param>
public sealed record RetentionClass(string Name, string Data, Duration Period, string From, string Enforcement)
{
    /// <summary>The period as a record of processing states it: "24 hours after ...".</summary>
    public string Statement => $"{Describe(Period)} after {From}; {Enforcement}";

    private static string Describe(Duration period) =>
        period.TotalDays >= 365 && period.TotalDays % 365 < 3 ? $"{Math.Round(period.TotalDays / 365.25)} years"
        : period.TotalHours % 24 == 0 ? $"{period.TotalDays:0} days"
        : $"{period.TotalHours:0} hours";
}
