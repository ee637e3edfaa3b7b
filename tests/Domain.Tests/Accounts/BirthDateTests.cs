using GemPix.Domain.Accounts;
using NodaTime;
using NodaTime.Text;

namespace GemPix.Domain.Tests.Accounts;

public sealed class BirthDateTests
{
    private static readonly Guid Subject = Guid.NewGuid();
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 10, 0);

    private static DeciderSpec<AccountState, AccountCommand> Spec() => new(AccountDecider.Decide, AccountDecider.Evolve, AccountDecider.Initial);

    private static RegisterAccount Born(string date) =>
        new(Subject, "a@b.org", "A", "US", LocalDatePattern.Iso.Parse(date).Value, Now);

    [Theory]
    [InlineData("0000-01-01")]
    [InlineData("1000-06-15")]
    [InlineData("1899-12-31")]
    [InlineData("2026-11-23")]
    [InlineData("9999-12-31")]
    public void A_birth_date_before_1900_or_after_today_is_refused_naming_the_field(string date)
    {
        var rejection = Spec().When(Born(date)).ThenRejects<InvalidAccountField>();

        rejection.Code.Should().Be("invalid-birth-date");
        rejection.Message.Should().Contain("birthDate");
    }

    [Fact]
    public void The_first_of_january_1900_is_a_birth_date() =>
        Spec().When(Born("1900-01-01")).Then(new AccountRegistered(Subject, "a@b.org", "A", "US", new LocalDate(1900, 1, 1), Now));

    [Fact]
    public void Today_is_a_birth_date_though_of_someone_too_young() =>
        Spec().When(Born("2026-11-22")).ThenRejects<UnderDigitalConsentAge>();

    [Fact]
    public void Today_is_the_day_of_the_command_s_instant_in_utc()
    {
        BirthDateRule.Check(new LocalDate(2026, 11, 23), new LocalDate(2026, 11, 22)).Should().NotBeNull();
        BirthDateRule.Check(new LocalDate(2026, 11, 22), new LocalDate(2026, 11, 22)).Should().BeNull();
    }
}
