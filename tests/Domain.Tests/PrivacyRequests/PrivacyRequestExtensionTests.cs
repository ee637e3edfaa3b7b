using GemPix.Domain.PrivacyRequests;
using NodaTime;

namespace GemPix.Domain.Tests.PrivacyRequests;

public sealed class PrivacyRequestExtensionTests
{
    private const string Reason = "The request is complex: several years of generations to export";

    private static readonly Guid Subject = Guid.NewGuid();
    private static readonly Guid Request = Guid.NewGuid();

    // 31 January 2028: due on 29 February (a leap year), extendable to 30 April at the latest.
    private static readonly PrivacyRequestReceived Gdpr = new(
        Subject, Request, PrivacyRequestType.Access, Jurisdiction.Gdpr, Instant.FromUtc(2028, 1, 31, 18, 0),
        new LocalDate(2028, 2, 29), Instant.FromUtc(2028, 3, 1, 0, 0), null, RequestPolicy.Current, null);

    // 20 December 2027: due on 3 February 2028, extendable to 19 March 2028 at the latest.
    private static readonly PrivacyRequestReceived Ccpa = new(
        Subject, Request, PrivacyRequestType.Erasure, Jurisdiction.Ccpa, Instant.FromUtc(2027, 12, 20, 8, 0),
        new LocalDate(2028, 2, 3), Instant.FromUtc(2028, 2, 4, 0, 0), new LocalDate(2028, 1, 3), RequestPolicy.Current, null);

    private static readonly Instant LastMinute = Instant.FromUtc(2028, 2, 29, 23, 59);

    private static DeciderSpec<PrivacyRequestState, PrivacyRequestCommand> Spec() =>
        new(PrivacyRequestDecider.Decide, PrivacyRequestDecider.Evolve, PrivacyRequestDecider.Initial);

    [Fact]
    public void A_gdpr_request_extends_to_three_months_from_receipt_and_records_the_notice() =>
        Spec().Given(Gdpr).When(new ExtendPrivacyRequest($" {Reason} ", new LocalDate(2028, 4, 30), LastMinute)).Then(
            new PrivacyRequestExtended(Subject, Request, Reason, new LocalDate(2028, 4, 30), Instant.FromUtc(2028, 5, 1, 0, 0), LastMinute, LastMinute));

    [Fact]
    public void An_extension_may_be_shorter_than_the_maximum() =>
        Spec().Given(Gdpr).When(new ExtendPrivacyRequest(Reason, new LocalDate(2028, 3, 15), LastMinute)).Then(
            new PrivacyRequestExtended(Subject, Request, Reason, new LocalDate(2028, 3, 15), Instant.FromUtc(2028, 3, 16, 0, 0), LastMinute, LastMinute));

    [Fact]
    public void A_gdpr_extension_beyond_three_months_from_receipt_is_too_long() =>
        Spec().Given(Gdpr).When(new ExtendPrivacyRequest(Reason, new LocalDate(2028, 5, 1), LastMinute))
            .ThenRejects<ExtensionTooLong>().Should().Be(new ExtensionTooLong(new LocalDate(2028, 4, 30)));

    [Fact]
    public void An_extension_after_the_first_due_date_ended_is_too_late() =>
        Spec().Given(Gdpr).When(new ExtendPrivacyRequest(Reason, new LocalDate(2028, 4, 30), Instant.FromUtc(2028, 3, 1, 0, 0)))
            .ThenRejects<ExtensionTooLate>().Code.Should().Be("extension-too-late");

    [Fact]
    public void A_request_is_extended_once()
    {
        var extended = new PrivacyRequestExtended(Subject, Request, Reason, new LocalDate(2028, 3, 15), Instant.FromUtc(2028, 3, 16, 0, 0), LastMinute, LastMinute);
        Spec().Given(Gdpr, extended).When(new ExtendPrivacyRequest(Reason, new LocalDate(2028, 4, 30), Instant.FromUtc(2028, 2, 29, 23, 59, 30)))
            .ThenRejects<AlreadyExtended>().Code.Should().Be("already-extended");
    }

    [Fact]
    public void An_extension_moves_the_due_date_later()
    {
        Spec().Given(Gdpr).When(new ExtendPrivacyRequest(Reason, new LocalDate(2028, 2, 29), LastMinute)).ThenRejects<ExtensionNotLater>();
        Spec().Given(Gdpr).When(new ExtendPrivacyRequest(Reason, new LocalDate(2028, 2, 1), LastMinute)).ThenRejects<ExtensionNotLater>();
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_extension_needs_a_reason(string reason) =>
        Spec().Given(Gdpr).When(new ExtendPrivacyRequest(reason, new LocalDate(2028, 4, 30), LastMinute)).ThenRejects<ReasonRequired>();

    [Fact]
    public void A_ccpa_request_extends_to_ninety_days_across_the_year_end_and_no_further()
    {
        var at = Instant.FromUtc(2028, 2, 3, 12, 0);
        Spec().Given(Ccpa).When(new ExtendPrivacyRequest(Reason, new LocalDate(2028, 3, 19), at)).Then(
            new PrivacyRequestExtended(Subject, Request, Reason, new LocalDate(2028, 3, 19), Instant.FromUtc(2028, 3, 20, 0, 0), at, at));
        Spec().Given(Ccpa).When(new ExtendPrivacyRequest(Reason, new LocalDate(2028, 3, 20), at)).ThenRejects<ExtensionTooLong>();
        Spec().Given(Ccpa).When(new ExtendPrivacyRequest(Reason, new LocalDate(2028, 3, 19), Instant.FromUtc(2028, 2, 4, 0, 0)))
            .ThenRejects<ExtensionTooLate>();
    }

    [Fact]
    public void An_extension_can_come_at_any_open_step_and_moves_the_due_date()
    {
        var verified = new PrivacyRequestVerified(Subject, Request, "email-link", LastMinute);
        var started = new PrivacyRequestStarted(Subject, Request, LastMinute);
        var extended = new PrivacyRequestExtended(Subject, Request, Reason, new LocalDate(2028, 4, 30), Instant.FromUtc(2028, 5, 1, 0, 0), LastMinute, LastMinute);
        Spec().Given(Gdpr, verified, started).When(new ExtendPrivacyRequest(Reason, new LocalDate(2028, 4, 30), LastMinute)).Then(extended);

        var state = new object[] { Gdpr, verified, started, extended }.Aggregate(PrivacyRequestDecider.Initial, PrivacyRequestDecider.Evolve);
        state.Should().BeOfType<PrivacyRequestState.Existing>().Which.Should().Match<PrivacyRequestState.Existing>(
            r => r.DueOn == new LocalDate(2028, 4, 30) && r.Extended && r.Status == PrivacyRequestStatus.InProgress);
    }
}
