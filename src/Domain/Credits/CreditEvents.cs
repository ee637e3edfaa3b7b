using GemPix.Domain.Protection;
using NodaTime;

namespace GemPix.Domain.Credits;

/// <summary>Credits bought; the payment reference is a billing record, kept under its legal retention.</summary>
[StoredEvent("credits-purchased")]
public sealed record CreditsPurchased(Guid SubjectId, Guid PurchaseId, int Credits, Billing<string> PaymentReference, Instant At);

[StoredEvent("purchase-refunded")]
public sealed record PurchaseRefunded(Guid SubjectId, Guid PurchaseId, int Credits, Instant At);

/// <summary>Credits set aside for a requested generation: not spendable, not yet spent.</summary>
[StoredEvent("credits-reserved")]
public sealed record CreditsReserved(Guid SubjectId, Guid GenerationId, int Credits, Instant At);

[StoredEvent("reserved-credits-consumed")]
public sealed record ReservedCreditsConsumed(Guid SubjectId, Guid GenerationId, int Credits, Instant At);

/// <summary>A reservation given back: the generation failed or was cancelled.</summary>
[StoredEvent("reserved-credits-released")]
public sealed record ReservedCreditsReleased(Guid SubjectId, Guid GenerationId, int Credits, string Reason, Instant At);
