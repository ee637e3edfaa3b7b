using NodaTime;

namespace GemPix.Domain.Retention;

/// <summary>The periods in force: the declared defaults, of which an operator may change the billing period (the law differs by country).</summary>
public sealed record RetentionSchedule(IReadOnlyList<RetentionClass> Classes)
{
    public static RetentionSchedule Default { get; } = new(RetentionClasses.All);

    public RetentionClass this[string name] => Classes.Single(c => c.Name == name);

    public Duration PeriodOf(RetentionClass declared) => this[declared.Name].Period;

    /// <summary>This schedule with billing records kept for <paramref name="years"/> years.</summary>
    public RetentionSchedule WithBillingYears(int years)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(years, 1);
        return new([.. Classes.Select(c => c.Name == RetentionClasses.Billing.Name ? c with { Period = Duration.FromDays(Math.Ceiling(years * 365.25)) } : c)]);
    }
}
