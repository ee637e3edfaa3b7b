using GemPix.Domain.Consents;

namespace GemPix.Cli.Seeding;

/// <summary>A choice a synthetic person makes about one purpose; purposes they never decide on are left out.</summary>
internal sealed record SyntheticConsent(ConsentPurpose Purpose, ConsentHistory History);
