using NodaTime;

namespace GemPix.Domain.Credits;

public abstract record CreditCommand(Instant At);

public sealed record PurchaseCredits(Guid PurchaseId, int Credits, string PaymentReference, Instant At) : CreditCommand(At);

public sealed record RefundPurchase(Guid PurchaseId, Instant At) : CreditCommand(At);

public sealed record ReserveCredits(Guid GenerationId, int Credits, Instant At) : CreditCommand(At);

public sealed record ConsumeReservation(Guid GenerationId, Instant At) : CreditCommand(At);

public sealed record ReleaseReservation(Guid GenerationId, string Reason, Instant At) : CreditCommand(At);
