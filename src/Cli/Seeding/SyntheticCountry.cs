namespace GemPix.Cli.Seeding;

/// <summary>A country synthetic people live in, and the Bogus locale their names and cities come from.</summary>
internal sealed record SyntheticCountry(string Code, string Locale);
