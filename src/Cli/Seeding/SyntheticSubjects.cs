using System.Globalization;
using Bogus;
using GemPix.Domain.Accounts;
using GemPix.Domain.Consents;
using GemPix.Domain.Generations;
using GemPix.Domain.PrivacyRequests;
using NodaTime;

namespace GemPix.Cli.Seeding;

/// <summary>
/// Draws synthetic people with Bogus. Each subject's draws come from its own generator, seeded from the run's seed
/// and its index alone, so a seed gives the same people whatever order parallel seeding reaches them in.
/// </summary>
internal static class SyntheticSubjects
{
    /// <summary>Countries whose digital-consent ages differ (13 to 16, and the default), each with a locale Bogus has.</summary>
    private static readonly SyntheticCountry[] Countries =
    [
        new("BE", "nl_BE"), new("SE", "sv"), new("FI", "fi"), new("GB", "en_GB"), new("US", "en_US"),
        new("AT", "de_AT"), new("IT", "it"), new("ES", "es"),
        new("FR", "fr"), new("CZ", "cz"),
        new("DE", "de"), new("IE", "en_IE"), new("NL", "nl"), new("SK", "sk"),
        new("PL", "pl"), new("PT", "pt_PT"),
    ];

    /// <summary>Reserved for examples (RFC 2606): no synthetic address ever reaches a real mailbox.</summary>
    private static readonly string[] MailDomains = ["example.org", "example.com", "example.net"];

    private static readonly PrivacyRequestType[] RequestTypes =
    [
        PrivacyRequestType.Access, PrivacyRequestType.Access, PrivacyRequestType.Portability, PrivacyRequestType.Rectification,
        PrivacyRequestType.Objection, PrivacyRequestType.Restriction,
    ];

    private static readonly int[] PurchaseSizes = [10, 20, 50, 100, 200];

    private static readonly (int Width, int Height)[] GenerationSizes = [(512, 512), (768, 512), (512, 768), (1024, 1024), (1280, 720)];

    private static readonly string[] Motifs =
    [
        "a lighthouse", "a red fox", "an old tram", "a bowl of ramen", "a paper boat", "a mountain cabin", "a jazz trio",
        "a sleeping cat", "a rainy street", "a hot-air balloon", "a sunflower field", "a robot gardener", "a night market",
    ];

    private static readonly string[] Moments = ["at dusk", "at dawn", "in the fog", "under snow", "after the rain", "at noon", "by candlelight"];

    private static readonly string[] Styles =
    [
        "watercolour", "oil on canvas", "isometric pixel art", "35mm film photo", "linocut print", "flat vector illustration",
        "charcoal sketch", "ukiyo-e woodblock",
    ];

    private const string ReferenceAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>The latest birth date drawn: 20 years old in 2026, so past every country's digital-consent age.</summary>
    private static readonly LocalDate LatestBirthDate = new(2006, 1, 1);

    /// <param name="today">The day the accounts are registered on; birth dates leave everyone old enough on it.</param>
    public static SyntheticSubject Create(int seed, int index, LocalDate today)
    {
        var random = new Randomizer(SubjectSeed(seed, index));
        var country = random.ArrayElement(Countries);
        var faker = new Faker(country.Locale) { Random = random };
        var first = faker.Name.FirstName();
        var last = faker.Name.LastName();
        var latest = LocalDate.Min(LatestBirthDate, today.PlusYears(-(DigitalConsentAge.For(country.Code) + 1)));
        var uploads = Enumerable.Range(0, random.Int(1, 3)).Select(_ => Upload(random)).ToList();
        var subject = new SyntheticSubject(
            index,
            faker.Internet.Email(first, last, random.ArrayElement(MailDomains), (index + 1).ToString(CultureInfo.InvariantCulture)),
            faker.Internet.Password(16),
            $"{first} {last}",
            country.Code,
            latest.PlusDays(-random.Int(0, 60 * 365)),
            Consents(random),
            random.Bool(0.15f),
            [.. Enumerable.Range(0, random.Int(1, 3)).Select(_ => new SyntheticPurchase(random.ArrayElement(PurchaseSizes), "pi_" + random.String2(24, ReferenceAlphabet)))],
            uploads,
            [.. Enumerable.Range(0, random.Int(1, 4)).Select(_ => Generation(faker, uploads.Count))],
            null);

        // Drawn last, so that the rest of a person stays what the same seed gave before requests were seeded.
        return subject with { PrivacyRequest = PrivacyRequest(faker, first, country.Code) };
    }

    /// <summary>About one person in four files a request; erasure is left out, so that every seeded person stays.</summary>
    private static SyntheticPrivacyRequest? PrivacyRequest(Faker faker, string first, string country)
    {
        var random = faker.Random;
        if (!random.Bool(0.25f))
        {
            return null;
        }

        var type = random.ArrayElement(RequestTypes);
        return new SyntheticPrivacyRequest(
            type, country == "US" ? Jurisdiction.Ccpa : Jurisdiction.Gdpr, type == PrivacyRequestType.Rectification ? $"{first} {faker.Name.LastName()}" : null);
    }

    /// <summary>A fixed mix of the run's seed and the index (not <see cref="HashCode"/>, which differs per process).</summary>
    private static int SubjectSeed(int seed, int index) => unchecked((seed * 1_000_003) + index);

    private static List<SyntheticConsent> Consents(Randomizer random)
    {
        var consents = new List<SyntheticConsent>();
        foreach (var purpose in Enum.GetValues<ConsentPurpose>())
        {
            var roll = random.Double();
            if (roll < 0.45)
            {
                consents.Add(new SyntheticConsent(purpose, ConsentHistory.Granted));
            }
            else if (roll < 0.65)
            {
                consents.Add(new SyntheticConsent(purpose, ConsentHistory.Withdrawn));
            }
            else if (roll < 0.75)
            {
                consents.Add(new SyntheticConsent(purpose, ConsentHistory.Declined));
            }
        }

        return consents;
    }

    private static SyntheticUpload Upload(Randomizer random) => new(
        random.Enum<SyntheticPicture>(), random.Int(32, 160), random.Int(32, 160), random.Long(0, GenerationLimits.MaxSeed), random.Bool(0.3f));

    private static SyntheticGeneration Generation(Faker faker, int uploads)
    {
        var random = faker.Random;
        var (width, height) = random.ArrayElement(GenerationSizes);
        var prompt = $"{random.ArrayElement(Motifs)} in {faker.Address.City()} {random.ArrayElement(Moments)}, {random.ArrayElement(Styles)}";
        return new SyntheticGeneration(
            prompt,
            width,
            height,
            random.Bool() ? random.Long(0, GenerationLimits.MaxSeed) : null,
            uploads > 0 && random.Bool(0.25f) ? random.Int(0, uploads - 1) : null);
    }
}
