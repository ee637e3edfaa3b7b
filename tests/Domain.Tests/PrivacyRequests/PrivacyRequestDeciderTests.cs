using GemPix.Domain.PrivacyRequests;
using GemPix.Domain.Protection;
using NodaTime;

namespace GemPix.Domain.Tests.PrivacyRequests;

public sealed class PrivacyRequestDeciderTests
{
    private static readonly Guid Subject = Guid.NewGuid();
    private static readonly Guid Request = Guid.NewGuid();
    private static readonly Instant ReceivedAt = Instant.FromUtc(2027, 1, 31, 9, 0);
    private static readonly Instant Later = Instant.FromUtc(2027, 2, 3, 14, 0);

    private static readonly PrivacyRequestReceived Received = new(
        Subject, Request, PrivacyRequestType.Access, Jurisdiction.Gdpr, ReceivedAt,
        new LocalDate(2027, 2, 28), Instant.FromUtc(2027, 3, 1, 0, 0), null, RequestPolicy.Current, null);

    private static readonly PrivacyRequestVerified Verified = new(Subject, Request, "signed-in-session", Later);
    private static readonly PrivacyRequestStarted Started = new(Subject, Request, Later);

    private static DeciderSpec<PrivacyRequestState, PrivacyRequestCommand> Spec() =>
        new(PrivacyRequestDecider.Decide, PrivacyRequestDecider.Evolve, PrivacyRequestDecider.Initial);

    [Fact]
    public void A_gdpr_request_is_received_due_a_calendar_month_later_under_the_current_policy() =>
        Spec().When(new ReceivePrivacyRequest(Subject, Request, PrivacyRequestType.Access, Jurisdiction.Gdpr, null, null, ReceivedAt)).Then(Received);

    [Fact]
    public void A_ccpa_request_is_due_in_45_days_and_acknowledged_within_10_business_days()
    {
        var friday = Instant.FromUtc(2026, 11, 27, 16, 0);
        Spec().When(new ReceivePrivacyRequest(Subject, Request, PrivacyRequestType.Erasure, Jurisdiction.Ccpa, null, null, friday)).Then(
            new PrivacyRequestReceived(
                Subject, Request, PrivacyRequestType.Erasure, Jurisdiction.Ccpa, friday,
                new LocalDate(2027, 1, 11), Instant.FromUtc(2027, 1, 12, 0, 0), new LocalDate(2026, 12, 11), RequestPolicy.Current, null));
    }

    [Fact]
    public void A_rectification_carries_the_corrections_as_personal_data()
    {
        Spec().When(new ReceivePrivacyRequest(Subject, Request, PrivacyRequestType.Rectification, Jurisdiction.Gdpr, " Ada L. ", null, ReceivedAt)).Then(
            Received with
            {
                Type = PrivacyRequestType.Rectification,
                Details = new RectificationDetails(new Personal<string>("Ada L."), null),
            });
        Spec().When(new ReceivePrivacyRequest(Subject, Request, PrivacyRequestType.Rectification, Jurisdiction.Gdpr, null, "ada@example.org", ReceivedAt)).Then(
            Received with
            {
                Type = PrivacyRequestType.Rectification,
                Details = new RectificationDetails(null, new Personal<string>("ada@example.org")),
            });
    }

    [Fact]
    public void A_rectification_names_a_correction_and_no_other_request_does()
    {
        Spec().When(new ReceivePrivacyRequest(Subject, Request, PrivacyRequestType.Rectification, Jurisdiction.Gdpr, " ", null, ReceivedAt))
            .ThenRejects<InvalidRequestDetails>();
        Spec().When(new ReceivePrivacyRequest(Subject, Request, PrivacyRequestType.Erasure, Jurisdiction.Gdpr, "Ada", null, ReceivedAt))
            .ThenRejects<InvalidRequestDetails>();
    }

    [Fact]
    public void Receiving_the_same_request_again_changes_nothing() =>
        Spec().Given(Received).When(new ReceivePrivacyRequest(Subject, Request, PrivacyRequestType.Access, Jurisdiction.Gdpr, null, null, Later)).ThenNothing();

    [Fact]
    public void A_request_that_was_never_received_is_not_found() =>
        Spec().When(new VerifyPrivacyRequest("signed-in-session", Later)).ThenRejects<PrivacyRequestNotFound>().Code.Should().Be("privacy-request-not-found");

    [Fact]
    public void A_request_is_verified_started_and_completed_with_its_export()
    {
        var export = new PrivacyRequestResult.Export("exports/2027-02-03/a1b2");
        Spec().Given(Received).When(new VerifyPrivacyRequest(" signed-in-session ", Later)).Then(Verified);
        Spec().Given(Received, Verified).When(new StartPrivacyRequest(Later)).Then(Started);
        Spec().Given(Received, Verified, Started).When(new CompletePrivacyRequest(export, Later))
            .Then(new PrivacyRequestCompleted(Subject, Request, export, Later));
    }

    [Fact]
    public void Verification_says_how() =>
        Spec().Given(Received).When(new VerifyPrivacyRequest("  ", Later)).ThenRejects<VerificationMethodRequired>();

    [Fact]
    public void Repeating_a_step_already_taken_changes_nothing()
    {
        Spec().Given(Received, Verified).When(new VerifyPrivacyRequest("email-link", Later)).ThenNothing();
        Spec().Given(Received, Verified, Started).When(new VerifyPrivacyRequest("email-link", Later)).ThenNothing();
        Spec().Given(Received, Verified, Started).When(new StartPrivacyRequest(Later)).ThenNothing();
        Spec().Given(Received, Verified, Started, new PrivacyRequestCompleted(Subject, Request, null, Later))
            .When(new CompletePrivacyRequest(null, Later)).ThenNothing();
        Spec().Given(Received, new PrivacyRequestDenied(Subject, Request, "Identity not verified", Later))
            .When(new DenyPrivacyRequest("Again", Later)).ThenNothing();
    }

    [Fact]
    public void Work_starts_after_verification_and_completes_after_it_started()
    {
        Spec().Given(Received).When(new StartPrivacyRequest(Later)).ThenRejects<InvalidTransition>().Code.Should().Be("invalid-transition");
        Spec().Given(Received).When(new CompletePrivacyRequest(null, Later)).ThenRejects<InvalidTransition>();
        Spec().Given(Received, Verified).When(new CompletePrivacyRequest(null, Later)).ThenRejects<InvalidTransition>();
    }

    [Fact]
    public void An_erasure_completes_with_its_deletion_certificate()
    {
        var erasure = Received with { Type = PrivacyRequestType.Erasure };
        var certificate = new PrivacyRequestResult.DeletionCertificate(Guid.NewGuid());
        Spec().Given(erasure, Verified, Started).When(new CompletePrivacyRequest(certificate, Later))
            .Then(new PrivacyRequestCompleted(Subject, Request, certificate, Later));
    }

    [Fact]
    public void Any_request_may_complete_without_a_result()
    {
        var objection = Received with { Type = PrivacyRequestType.Objection };
        Spec().Given(objection, Verified, Started).When(new CompletePrivacyRequest(null, Later))
            .Then(new PrivacyRequestCompleted(Subject, Request, null, Later));
    }

    [Fact]
    public void A_result_must_fit_the_request()
    {
        var erasure = Received with { Type = PrivacyRequestType.Erasure };
        var portability = Received with { Type = PrivacyRequestType.Portability };
        Spec().Given(erasure, Verified, Started).When(new CompletePrivacyRequest(new PrivacyRequestResult.Export("exports/x"), Later))
            .ThenRejects<InvalidResult>();
        Spec().Given(Received, Verified, Started).When(new CompletePrivacyRequest(new PrivacyRequestResult.DeletionCertificate(Guid.NewGuid()), Later))
            .ThenRejects<InvalidResult>();
        Spec().Given(portability, Verified, Started).When(new CompletePrivacyRequest(new PrivacyRequestResult.Export(" "), Later))
            .ThenRejects<InvalidResult>();
        Spec().Given(portability, Verified, Started).When(new CompletePrivacyRequest(new PrivacyRequestResult.Export("exports/x"), Later))
            .Then(new PrivacyRequestCompleted(Subject, Request, new PrivacyRequestResult.Export("exports/x"), Later));
    }

    [Fact]
    public void A_request_is_denied_with_a_reason_from_any_open_step()
    {
        var denied = new PrivacyRequestDenied(Subject, Request, "Manifestly unfounded (Art. 12(5))", Later);
        Spec().Given(Received).When(new DenyPrivacyRequest(" Manifestly unfounded (Art. 12(5)) ", Later)).Then(denied);
        Spec().Given(Received, Verified).When(new DenyPrivacyRequest("Manifestly unfounded (Art. 12(5))", Later)).Then(denied);
        Spec().Given(Received, Verified, Started).When(new DenyPrivacyRequest("Manifestly unfounded (Art. 12(5))", Later)).Then(denied);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("tab\tbell\u0007")]
    public void A_denial_needs_a_reason(string reason) =>
        Spec().Given(Received, Verified).When(new DenyPrivacyRequest(reason, Later)).ThenRejects<ReasonRequired>().Code.Should().Be("reason-required");

    [Fact]
    public void A_denial_reason_has_a_limit() =>
        Spec().Given(Received).When(new DenyPrivacyRequest(new string('x', PrivacyRequestDecider.MaxReasonLength + 1), Later)).ThenRejects<ReasonRequired>();

    [Fact]
    public void A_closed_request_takes_no_other_step()
    {
        var completed = new PrivacyRequestCompleted(Subject, Request, null, Later);
        var denied = new PrivacyRequestDenied(Subject, Request, "Identity not verified", Later);
        Spec().Given(Received, Verified, Started, completed).When(new DenyPrivacyRequest("Too late", Later)).ThenRejects<PrivacyRequestClosed>()
            .Code.Should().Be("privacy-request-closed");
        Spec().Given(Received, denied).When(new VerifyPrivacyRequest("email-link", Later)).ThenRejects<PrivacyRequestClosed>();
        Spec().Given(Received, denied).When(new CompletePrivacyRequest(null, Later)).ThenRejects<PrivacyRequestClosed>();
        Spec().Given(Received, denied).When(new ExtendPrivacyRequest("Complex request", new LocalDate(2027, 3, 31), Later))
            .ThenRejects<PrivacyRequestClosed>();
    }

    [Fact]
    public void Completed_and_denied_requests_are_terminal()
    {
        var open = new object[] { Received, Verified, Started }.Aggregate(PrivacyRequestDecider.Initial, PrivacyRequestDecider.Evolve);
        PrivacyRequestDecider.IsTerminal(open).Should().BeFalse();
        PrivacyRequestDecider.IsTerminal(PrivacyRequestDecider.Evolve(open, new PrivacyRequestCompleted(Subject, Request, null, Later))).Should().BeTrue();
        PrivacyRequestDecider.IsTerminal(PrivacyRequestDecider.Evolve(open, new PrivacyRequestDenied(Subject, Request, "r", Later))).Should().BeTrue();
    }
}
