using GemPix.Domain.Retention;
using GemPix.Projections.Hosting;
using Microsoft.Extensions.Configuration;
using NodaTime;

namespace GemPix.Api.Tests.Hosting;

public sealed class GemPixSettingsTests
{
    private static GemPixSettings From(params (string Name, string Value)[] values) =>
        GemPixSettings.From(new ConfigurationBuilder().AddInMemoryCollection(
            values.Select(v => new KeyValuePair<string, string?>(v.Name, v.Value)).Append(new("GEMPIX_DB", "Host=localhost"))).Build());

    [Fact]
    public void Billing_is_kept_ten_years_unless_configured_otherwise()
    {
        From().BillingRetentionYears.Should().Be(10);
        From(("GEMPIX_BILLING_RETENTION_YEARS", "6")).BillingRetentionYears.Should().Be(6);
        RetentionSchedule.Default.WithBillingYears(6).PeriodOf(RetentionClasses.Billing).Should().Be(Duration.FromDays(2192));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("ten")]
    [InlineData("-3")]
    [InlineData("101")]
    public void A_billing_retention_that_is_not_a_sensible_number_of_years_is_refused(string years)
    {
        var act = () => From(("GEMPIX_BILLING_RETENTION_YEARS", years));

        act.Should().Throw<InvalidOperationException>().WithMessage("*GEMPIX_BILLING_RETENTION_YEARS*");
    }
}
