namespace GemPix.Cli.Seeding;

/// <summary>Credits bought with a payment provider's reference (<c>pi_...</c>): never anything like a card number.</summary>
internal sealed record SyntheticPurchase(int Credits, string PaymentReference);
