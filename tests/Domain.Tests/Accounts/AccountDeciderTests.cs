using GemPix.Domain.Accounts;
using NodaTime;

namespace GemPix.Domain.Tests.Accounts;

public sealed class AccountDeciderTests
{
    private static readonly Guid Subject = Guid.NewGuid();
    private static readonly Guid SessionId = Guid.NewGuid();
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 10, 0);
    private static readonly AccountRegistered Registered = new(Subject, "ada@example.org", "Ada", "DE", new LocalDate(1990, 1, 1), Now);

    private static DeciderSpec<AccountState, AccountCommand> Spec() => new(AccountDecider.Decide, AccountDecider.Evolve, AccountDecider.Initial);

    [Fact]
    public void Registration_records_the_account_with_a_normalised_email() =>
        Spec().When(new RegisterAccount(Subject, "  Ada@Example.ORG ", " Ada ", "de", new LocalDate(1990, 1, 1), Now))
            .Then(Registered);

    [Theory]
    [InlineData("DE", 16)]
    [InlineData("IE", 16)]
    [InlineData("FR", 15)]
    [InlineData("CZ", 15)]
    [InlineData("AT", 14)]
    [InlineData("ES", 14)]
    [InlineData("US", 13)]
    [InlineData("GB", 13)]
    [InlineData("SE", 13)]
    [InlineData("BR", 16)]
    public void The_age_gate_opens_on_the_birthday_of_the_country_s_digital_consent_age(string country, int age)
    {
        var today = Now.InUtc().Date;
        var exactlyOldEnough = today.PlusYears(-age);

        Spec().When(new RegisterAccount(Subject, "a@b.org", "A", country, exactlyOldEnough, Now)).Then(
            new AccountRegistered(Subject, "a@b.org", "A", country, exactlyOldEnough, Now));
        Spec().When(new RegisterAccount(Subject, "a@b.org", "A", country, exactlyOldEnough.PlusDays(1), Now))
            .ThenRejects<UnderDigitalConsentAge>().RequiredAge.Should().Be(age);
    }

    [Fact]
    public void A_leap_day_birthday_counts_from_the_28th_of_february_in_common_years()
    {
        AgeGate.AgeOn(new LocalDate(2008, 2, 29), new LocalDate(2021, 2, 28)).Should().Be(13);
        AgeGate.AgeOn(new LocalDate(2008, 2, 29), new LocalDate(2021, 2, 27)).Should().Be(12);
    }

    [Fact]
    public void A_birth_date_in_the_future_is_refused_as_a_birth_date() =>
        Spec().When(new RegisterAccount(Subject, "a@b.org", "A", "US", new LocalDate(2030, 1, 1), Now))
            .ThenRejects<InvalidAccountField>().Code.Should().Be("invalid-birth-date");

    [Theory]
    [InlineData("not-an-email", "Ada", "DE")]
    [InlineData("a@@b.org", "Ada", "DE")]
    [InlineData("a b@c.org", "Ada", "DE")]
    [InlineData("ada@example.org", "", "DE")]
    [InlineData("ada@example.org", "Ada\u0000", "DE")]
    [InlineData("ada@example.org", "Ada", "Germany")]
    [InlineData("ada@example.org", "Ada", "D1")]
    public void Malformed_fields_are_refused_by_name(string email, string name, string country) =>
        Spec().When(new RegisterAccount(Subject, email, name, country, new LocalDate(1990, 1, 1), Now)).ThenRejects<InvalidAccountField>();

    [Fact]
    public void A_display_name_of_a_hundred_emoji_is_accepted_and_one_more_is_not()
    {
        var hundred = string.Concat(Enumerable.Repeat("😀", 100));

        Spec().Given(Registered).When(new CorrectDisplayName(hundred, Now)).Then(new DisplayNameCorrected(Subject, hundred, Now));
        Spec().Given(Registered).When(new CorrectDisplayName(hundred + "😀", Now)).ThenRejects<InvalidAccountField>();
    }

    [Fact]
    public void Registering_twice_is_refused() =>
        Spec().Given(Registered).When(new RegisterAccount(Subject, "a@b.org", "A", "DE", new LocalDate(1990, 1, 1), Now)).ThenRejects<AccountAlreadyExists>();

    [Fact]
    public void The_email_is_rectified() =>
        Spec().Given(Registered).When(new CorrectEmail("Ada.L@Example.org", Now)).Then(new EmailCorrected(Subject, "ada.l@example.org", Now));

    [Fact]
    public void Nothing_can_be_done_to_an_account_that_does_not_exist() =>
        Spec().When(new CorrectEmail("a@b.org", Now)).ThenRejects<AccountNotFound>();

    [Fact]
    public void An_erased_account_refuses_every_command()
    {
        Spec().Given(Registered).When(new EraseAccount(Now)).Then(new SessionsRevoked(Subject, Now), new AccountErased(Subject, Now));
        Spec().Given(Registered, new AccountErased(Subject, Now)).When(new StartSession(Guid.NewGuid(), Now + Duration.FromDays(1), Now)).ThenRejects<AccountErasedRejection>();
        Spec().Given(Registered, new AccountErased(Subject, Now)).When(new CorrectDisplayName("Back", Now)).ThenRejects<AccountErasedRejection>();
        AccountDecider.IsTerminal(AccountDecider.Evolve(AccountDecider.Initial, new AccountErased(Subject, Now))).Should().BeTrue();
    }

    [Fact]
    public void Signing_in_starts_a_session_of_an_open_account_only()
    {
        var session = Guid.NewGuid();
        var expires = Now + Duration.FromDays(30);
        Spec().Given(Registered).When(new StartSession(session, expires, Now)).Then(new SessionStarted(Subject, session, expires, Now));
        Spec().When(new StartSession(session, expires, Now)).ThenRejects<AccountNotFound>();
    }

    [Fact]
    public void Signing_out_ends_the_one_session() =>
        Spec().Given(Registered, new SessionStarted(Subject, SessionId, Now + Duration.FromDays(1), Now))
            .When(new EndSession(SessionId, Now)).Then(new SessionEnded(Subject, SessionId, Now));

    [Fact]
    public void An_erased_account_has_no_session_to_end() =>
        Spec().Given(Registered, new AccountErased(Subject, Now)).When(new EndSession(SessionId, Now)).ThenRejects<AccountErasedRejection>();

    [Fact]
    public void Sessions_can_be_revoked_all_at_once() =>
        Spec().Given(Registered, new SessionStarted(Subject, Guid.NewGuid(), Now + Duration.FromDays(1), Now))
            .When(new RevokeSessions(Now)).Then(new SessionsRevoked(Subject, Now));
}
