using GemPix.Domain.PrivacyRequests;
using GemPix.Domain.Protection;
using NodaTime;

namespace GemPix.Domain.Tests.PrivacyRequests;

public sealed class RequestPolicyTests
{
    private static readonly Guid Subject = Guid.NewGuid();
    private static readonly Guid Request = Guid.NewGuid();

    // An older policy: fewer categories exported, a GDPR extension of one further month only.
    private static readonly RequestPolicy Older = new(
        "2025.01",
        [DataCategory.Profile, DataCategory.Uploads],
        [DataScope.Personal],
        [new RetentionRule(DataScope.Billing, "GDPR Art. 17(3)(b)", 6)],
        [RequestDeadlines.Gdpr with { Maximum = 2 }, RequestDeadlines.Ccpa]);

    private static readonly PrivacyRequestReceived ReceivedUnderOlder = new(
        Subject, Request, PrivacyRequestType.Access, Jurisdiction.Gdpr, Instant.FromUtc(2028, 1, 31, 18, 0),
        new LocalDate(2028, 2, 29), Instant.FromUtc(2028, 3, 1, 0, 0), null, Older, null);

    private static DeciderSpec<PrivacyRequestState, PrivacyRequestCommand> Spec() =>
        new(PrivacyRequestDecider.Decide, PrivacyRequestDecider.Evolve, PrivacyRequestDecider.Initial);

    [Fact]
    public void The_current_policy_states_its_rules_under_its_version()
    {
        // A change to any rule below changes what open requests were promised: give it a new version.
        var current = RequestPolicy.Current;

        current.Version.Should().Be("2026.11");
        current.Exported.Should().Equal(
            DataCategory.Profile, DataCategory.Consents, DataCategory.Uploads, DataCategory.Generations,
            DataCategory.CreditsAndBilling, DataCategory.PrivacyRequests, DataCategory.AccessLog);
        current.Erased.Should().Equal(DataScope.Personal);
        current.Retained.Should().Equal(new RetentionRule(DataScope.Billing, "GDPR Art. 17(3)(b)", 10));
        current.DeadlineFor(Jurisdiction.Gdpr).Should().Be(new DeadlineRule(Jurisdiction.Gdpr, DeadlineUnit.Months, 1, 3, null));
        current.DeadlineFor(Jurisdiction.Ccpa).Should().Be(new DeadlineRule(Jurisdiction.Ccpa, DeadlineUnit.Days, 45, 90, 10));
    }

    [Fact]
    public void A_request_keeps_the_policy_it_was_received_under()
    {
        var state = PrivacyRequestDecider.Evolve(PrivacyRequestDecider.Initial, ReceivedUnderOlder);

        var request = state.Should().BeOfType<PrivacyRequestState.Existing>().Subject;
        request.Policy.Should().BeSameAs(Older);
        request.Policy.Exported.Should().NotContain(DataCategory.Generations);
    }

    [Fact]
    public void Its_extension_follows_the_frozen_deadline_rule_not_the_current_one()
    {
        var at = Instant.FromUtc(2028, 2, 20, 9, 0);
        Spec().Given(ReceivedUnderOlder).When(new ExtendPrivacyRequest("Complex request", new LocalDate(2028, 4, 30), at))
            .ThenRejects<ExtensionTooLong>().Should().Be(new ExtensionTooLong(new LocalDate(2028, 3, 31)));
        Spec().Given(ReceivedUnderOlder).When(new ExtendPrivacyRequest("Complex request", new LocalDate(2028, 3, 31), at))
            .Then(new PrivacyRequestExtended(Subject, Request, "Complex request", new LocalDate(2028, 3, 31), Instant.FromUtc(2028, 4, 1, 0, 0), at, at));
    }

    [Fact]
    public void A_policy_without_a_rule_for_the_jurisdiction_says_so()
    {
        var gdprOnly = Older with { Deadlines = [RequestDeadlines.Gdpr] };

        var act = () => gdprOnly.DeadlineFor(Jurisdiction.Ccpa);

        act.Should().Throw<InvalidOperationException>();
    }
}
