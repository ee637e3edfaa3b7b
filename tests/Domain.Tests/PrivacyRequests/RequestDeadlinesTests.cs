using GemPix.Domain.PrivacyRequests;
using NodaTime;
using NodaTime.Text;

namespace GemPix.Domain.Tests.PrivacyRequests;

public sealed class RequestDeadlinesTests
{
    [Theory]
    [InlineData("2027-01-31", "2027-02-28")]
    [InlineData("2028-01-31", "2028-02-29")]
    [InlineData("2028-02-29", "2028-03-29")]
    [InlineData("2027-03-31", "2027-04-30")]
    [InlineData("2026-11-30", "2026-12-30")]
    [InlineData("2026-08-31", "2026-09-30")]
    [InlineData("2026-12-31", "2027-01-31")]
    [InlineData("2026-11-22", "2026-12-22")]
    public void Gdpr_answers_are_due_one_calendar_month_from_receipt(string received, string due) =>
        RequestDeadlines.DueOn(RequestDeadlines.Gdpr, Date(received)).Should().Be(Date(due));

    [Theory]
    [InlineData("2028-01-31", "2028-04-30")]
    [InlineData("2027-11-30", "2028-02-29")]
    [InlineData("2026-11-30", "2027-02-28")]
    [InlineData("2028-02-29", "2028-05-29")]
    [InlineData("2026-12-31", "2027-03-31")]
    public void Gdpr_extensions_reach_three_calendar_months_from_receipt_at_most(string received, string latest) =>
        RequestDeadlines.LatestDueOn(RequestDeadlines.Gdpr, Date(received)).Should().Be(Date(latest));

    [Fact]
    public void The_gdpr_maximum_counts_from_receipt_not_from_the_first_due_date()
    {
        var received = Date("2027-01-31");
        var first = RequestDeadlines.DueOn(RequestDeadlines.Gdpr, received);

        first.Should().Be(Date("2027-02-28"));
        RequestDeadlines.LatestDueOn(RequestDeadlines.Gdpr, received).Should().Be(Date("2027-04-30")).And.NotBe(first.PlusMonths(2));
    }

    [Theory]
    [InlineData("2026-12-01", "2027-01-15", "2027-03-01")]
    [InlineData("2027-12-20", "2028-02-03", "2028-03-19")]
    [InlineData("2028-01-15", "2028-02-29", "2028-04-14")]
    [InlineData("2026-11-22", "2027-01-06", "2027-02-20")]
    public void Ccpa_answers_are_due_in_45_days_and_90_at_most(string received, string due, string latest)
    {
        RequestDeadlines.DueOn(RequestDeadlines.Ccpa, Date(received)).Should().Be(Date(due));
        RequestDeadlines.LatestDueOn(RequestDeadlines.Ccpa, Date(received)).Should().Be(Date(latest));
    }

    [Theory]
    [InlineData("2026-11-27", "2026-12-11")] // a Friday: two weekends in between
    [InlineData("2026-11-28", "2026-12-11")] // a Saturday counts from Monday
    [InlineData("2026-11-29", "2026-12-11")] // a Sunday too
    [InlineData("2026-11-30", "2026-12-14")] // a Monday
    [InlineData("2026-12-24", "2027-01-07")] // holidays are business days: there is no holiday calendar
    [InlineData("2027-12-31", "2028-01-14")]
    public void Ccpa_receipt_is_acknowledged_within_ten_business_days(string received, string acknowledgeBy) =>
        RequestDeadlines.AcknowledgeBy(RequestDeadlines.Ccpa, Date(received)).Should().Be(Date(acknowledgeBy));

    [Fact]
    public void The_gdpr_sets_no_acknowledgement_date() =>
        RequestDeadlines.AcknowledgeBy(RequestDeadlines.Gdpr, Date("2026-11-27")).Should().BeNull();

    [Fact]
    public void Receipt_is_dated_in_utc() =>
        RequestDeadlines.ReceivedOn(Instant.FromUtc(2027, 1, 31, 23, 30)).Should().Be(Date("2027-01-31"));

    [Fact]
    public void A_due_date_ends_at_the_start_of_the_next_day_in_utc_and_is_overdue_from_then()
    {
        var dueOn = Date("2027-02-28");

        RequestDeadlines.DueAt(dueOn).Should().Be(Instant.FromUtc(2027, 3, 1, 0, 0));
        RequestDeadlines.IsOverdue(dueOn, Instant.FromUtc(2027, 2, 28, 23, 59, 59)).Should().BeFalse();
        RequestDeadlines.IsOverdue(dueOn, Instant.FromUtc(2027, 3, 1, 0, 0)).Should().BeTrue();
    }

    [Theory]
    [InlineData("2027-02-26T10:00:00Z", 2)]
    [InlineData("2027-02-28T00:00:00Z", 0)]
    [InlineData("2027-02-28T23:59:59Z", 0)]
    [InlineData("2027-03-01T00:00:00Z", -1)]
    [InlineData("2027-03-02T12:00:00Z", -2)]
    [InlineData("2026-12-31T12:00:00Z", 59)]
    public void Days_left_count_calendar_days_to_the_due_date_and_go_negative_when_overdue(string at, int daysLeft) =>
        RequestDeadlines.DaysLeft(Date("2027-02-28"), InstantPattern.General.Parse(at).Value).Should().Be(daysLeft);

    [Theory]
    [InlineData("2027-02-20T00:00:00Z", false)]
    [InlineData("2027-02-26T00:00:00Z", true)]
    [InlineData("2027-02-28T23:00:00Z", true)]
    [InlineData("2027-03-01T00:00:00Z", false)]
    public void Due_soon_means_ending_within_the_threshold_and_not_ended_yet(string at, bool dueSoon) =>
        RequestDeadlines.IsDueSoon(Date("2027-02-28"), InstantPattern.General.Parse(at).Value, Duration.FromDays(3)).Should().Be(dueSoon);

    private static LocalDate Date(string iso) => LocalDatePattern.Iso.Parse(iso).Value;
}
