using NodaTime;

namespace GemPix.Protection;

/// <summary>The legal and operational periods that crypto-shredding works with.</summary>
public sealed record ProtectionOptions
{
    /// <summary>How long billing records are kept after the transaction (a legal obligation): 10 years by default.</summary>
    public Duration BillingRetention { get; init; } = Domain.Retention.RetentionClasses.Billing.Period;

    /// <summary>
    /// How long backups that may hold a key are kept. A certificate's backup horizon is the shred time plus this:
    /// after it, no copy of the destroyed key exists anywhere.
    /// </summary>
    public Duration KeyBackupRetention { get; init; } = Duration.FromDays(30);

    /// <summary>The legal basis named for billing data kept through an erasure.</summary>
    public string BillingLegalBasis { get; init; } = "GDPR Art. 17(3)(b): retention required by tax and accounting law";
}
