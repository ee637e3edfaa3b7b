using GemPix.Cli.Seeding;
using GemPix.Domain.Accounts;
using GemPix.Domain.Credits;
using GemPix.Domain.Generations;
using NodaTime;

namespace GemPix.Cli.Tests;

public sealed class SyntheticSubjectsTests
{
    private static readonly LocalDate Today = new(2026, 11, 22);

    private static List<SyntheticSubject> Draw(int seed, int count) => [.. Enumerable.Range(0, count).Select(i => SyntheticSubjects.Create(seed, i, Today))];

    [Fact]
    public void A_seed_draws_the_same_people_every_time_and_another_seed_other_people()
    {
        Draw(7, 20).Should().BeEquivalentTo(Draw(7, 20), options => options.WithStrictOrdering());
        Draw(8, 20).Select(s => s.Email).Should().NotIntersectWith(Draw(7, 20).Select(s => s.Email));
    }

    [Fact]
    public void Everyone_is_old_enough_for_their_country_and_the_countries_span_different_consent_ages()
    {
        var subjects = Draw(11, 400);

        subjects.Should().OnlyContain(s => AgeGate.IsOldEnough(s.BirthDate, s.Country, Today));
        subjects.Select(s => DigitalConsentAge.For(s.Country)).Distinct().Should().HaveCountGreaterThanOrEqualTo(4);
        subjects.Select(s => s.Email).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Every_password_passes_the_password_rule_and_every_name_and_birth_date_the_account_s_rules() =>
        Draw(17, 400).Should().OnlyContain(s => PasswordRule.Check(s.Password, s.Email, s.DisplayName) == null
            && DisplayNameRule.Check(s.DisplayName) == null && BirthDateRule.Check(s.BirthDate, Today) == null);

    [Fact]
    public void Payments_carry_provider_references_and_buy_enough_for_every_generation_the_person_asks_for()
    {
        foreach (var subject in Draw(13, 400))
        {
            subject.Purchases.Should().NotBeEmpty().And.OnlyContain(p => p.PaymentReference.StartsWith("pi_", StringComparison.Ordinal)
                && !CardNumberDetector.ContainsCardNumber(p.PaymentReference));
            subject.Generations.Should().OnlyContain(g => GenerationLimits.AreValidDimensions(g.Width, g.Height));
            subject.Generations.Sum(g => GenerationLimits.CreditsFor(g.Width, g.Height)).Should().BeLessThanOrEqualTo(subject.Purchases.Sum(p => p.Credits));
            subject.Generations.Should().OnlyContain(g => g.ReferenceUpload == null || g.ReferenceUpload < subject.Uploads.Count);
            subject.Email.Should().MatchRegex("@example\\.(org|com|net)$");
        }
    }
}
