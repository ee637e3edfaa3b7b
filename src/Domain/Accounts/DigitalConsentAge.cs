namespace GemPix.Domain.Accounts;

/// <summary>
/// The age below which a child cannot consent to an information society service themselves (GDPR Art. 8,
/// as each member state set it; COPPA's 13 for the US; the UK's 13). Anywhere else: 16, GDPR's default.
/// </summary>
public static class DigitalConsentAge
{
    public const int Default = 16;

    private static readonly Dictionary<string, int> ByCountry = new(StringComparer.OrdinalIgnoreCase)
    {
        ["BE"] = 13, ["DK"] = 13, ["FI"] = 13, ["SE"] = 13, ["GB"] = 13, ["US"] = 13,
        ["AT"] = 14, ["IT"] = 14, ["ES"] = 14,
        ["FR"] = 15, ["CZ"] = 15,
        ["DE"] = 16, ["IE"] = 16, ["NL"] = 16, ["SK"] = 16,
    };

    /// <summary>The digital-consent age of an ISO 3166-1 alpha-2 country.</summary>
    public static int For(string country) => ByCountry.GetValueOrDefault(country, Default);
}
