using GemPix.Domain.Consents;
using NodaTime;

namespace GemPix.Domain.Tests.Consents;

public sealed class ConsentDeciderTests
{
    private static readonly Guid Subject = Guid.NewGuid();
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 10, 0);
    private static readonly ConsentNotices Notices = ConsentNotices.Default;

    private static DeciderSpec<ConsentState, ConsentCommand> Spec(ConsentNotices? notices = null) =>
        new((c, s) => ConsentDecider.Decide(c, s, notices ?? Notices), ConsentDecider.Evolve, ConsentState.For(Subject));

    [Fact]
    public void Consent_is_given_to_the_current_notice() =>
        Spec().When(new SetConsent(ConsentPurpose.Marketing, true, 1, Now)).Then(new ConsentGiven(Subject, ConsentPurpose.Marketing, 1, ConsentSource.User, Now));

    [Fact]
    public void Giving_it_again_changes_nothing() =>
        Spec().Given(new ConsentGiven(Subject, ConsentPurpose.Marketing, 1, ConsentSource.User, Now))
            .When(new SetConsent(ConsentPurpose.Marketing, true, 1, Now)).ThenNothing();

    [Fact]
    public void Withdrawal_is_as_easy_as_giving() =>
        Spec().Given(new ConsentGiven(Subject, ConsentPurpose.Analytics, 1, ConsentSource.User, Now))
            .When(new SetConsent(ConsentPurpose.Analytics, false, 1, Now))
            .Then(new ConsentWithdrawn(Subject, ConsentPurpose.Analytics, 1, ConsentSource.User, Now));

    [Fact]
    public void Consent_to_a_notice_version_that_is_not_current_is_refused() =>
        Spec().When(new SetConsent(ConsentPurpose.ModelTraining, true, 7, Now)).ThenRejects<UnknownNoticeVersion>().Current.Should().Be(1);

    [Fact]
    public void Global_privacy_control_withdraws_analytics_and_marketing_even_over_an_opt_in_and_says_so() =>
        Spec().Given(
                new ConsentGiven(Subject, ConsentPurpose.Analytics, 1, ConsentSource.User, Now),
                new ConsentGiven(Subject, ConsentPurpose.ModelTraining, 1, ConsentSource.User, Now))
            .When(new HonourGlobalPrivacyControl(Now))
            .Then(
                new ConsentWithdrawn(Subject, ConsentPurpose.Analytics, 1, ConsentSource.Gpc, Now),
                new ConsentWithdrawn(Subject, ConsentPurpose.Marketing, 1, ConsentSource.Gpc, Now));

    [Fact]
    public void A_repeated_gpc_signal_is_recorded_once() =>
        Spec().Given(
                new ConsentWithdrawn(Subject, ConsentPurpose.Analytics, 1, ConsentSource.Gpc, Now),
                new ConsentWithdrawn(Subject, ConsentPurpose.Marketing, 1, ConsentSource.Gpc, Now))
            .When(new HonourGlobalPrivacyControl(Now)).ThenNothing();

    [Fact]
    public void A_new_notice_version_makes_older_consents_need_renewal_and_ends_training_eligibility()
    {
        var given = new ConsentGiven(Subject, ConsentPurpose.ModelTraining, 1, ConsentSource.User, Now);
        var state = ConsentDecider.Evolve(ConsentState.For(Subject), given);
        var revised = new ConsentNotices(new Dictionary<ConsentPurpose, int>
        {
            [ConsentPurpose.Analytics] = 1, [ConsentPurpose.Marketing] = 1, [ConsentPurpose.ModelTraining] = 2,
        });

        state.AllowsModelTraining(Notices).Should().BeTrue();
        state.AllowsModelTraining(revised).Should().BeFalse();
        state.Records[ConsentPurpose.ModelTraining].NeedsRenewal(revised).Should().BeTrue();
        Spec(revised).Given(given).When(new SetConsent(ConsentPurpose.ModelTraining, true, 2, Now))
            .Then(new ConsentGiven(Subject, ConsentPurpose.ModelTraining, 2, ConsentSource.User, Now));
    }

    [Fact]
    public void An_objection_withdraws_marketing_and_model_training_once_and_leaves_analytics()
    {
        var analytics = new ConsentGiven(Subject, ConsentPurpose.Analytics, 1, ConsentSource.User, Now);
        var training = new ConsentGiven(Subject, ConsentPurpose.ModelTraining, 1, ConsentSource.User, Now);
        Spec().Given(analytics, training).When(new WithdrawForObjection(Now)).Then(
            new ConsentWithdrawn(Subject, ConsentPurpose.Marketing, 1, ConsentSource.Objection, Now),
            new ConsentWithdrawn(Subject, ConsentPurpose.ModelTraining, 1, ConsentSource.Objection, Now));
        Spec().Given(
                new ConsentWithdrawn(Subject, ConsentPurpose.Marketing, 1, ConsentSource.Objection, Now),
                new ConsentWithdrawn(Subject, ConsentPurpose.ModelTraining, 1, ConsentSource.Objection, Now))
            .When(new WithdrawForObjection(Now)).ThenNothing();
    }
}
