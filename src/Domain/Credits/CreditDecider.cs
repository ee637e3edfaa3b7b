using GemPix.Domain.Records;

namespace GemPix.Domain.Credits;

/// <summary>
/// Credits are integers. A generation reserves its cost when requested, consumes it on success and releases it
/// on failure; purchases can be refunded while their credits are still available. Every command is idempotent.
/// </summary>
[ProcessingActivity("Credits and billing", "selling credits, charging generations and refunding purchases", "GDPR Art. 6(1)(b): contract; Art. 6(1)(c): accounting and tax law", Recipients = ["payment processing", "cloud hosting"], Retention = "reservations and balances: until erasure", RetentionClasses = ["billing"])]
public static class CreditDecider
{
    public const int MaxPurchase = 100_000;
    public const int MaxPaymentReferenceLength = 200;

    public static Decision Decide(CreditCommand command, CreditState state) => command switch
    {
        PurchaseCredits purchase => Purchase(purchase, state),
        RefundPurchase refund => state.Purchases.TryGetValue(refund.PurchaseId, out var p)
            ? p.Refunded
                ? Decision.Nothing
                : p.Credits > state.Available
                    ? new RefundExceedsBalance(state.Available, p.Credits)
                    : Decision.Accept(new PurchaseRefunded(state.SubjectId, refund.PurchaseId, p.Credits, refund.At))
            : new UnknownPurchase(),
        ReserveCredits reserve when state.Reservations.ContainsKey(reserve.GenerationId) => Decision.Nothing,
        ReserveCredits reserve when reserve.Credits is < 1 or > MaxPurchase => new InvalidCreditAmount(MaxPurchase),
        ReserveCredits reserve when reserve.Credits > state.Available => new InsufficientCredits(state.Available, reserve.Credits),
        ReserveCredits reserve => Decision.Accept(new CreditsReserved(state.SubjectId, reserve.GenerationId, reserve.Credits, reserve.At)),
        ConsumeReservation consume => state.Reservations.TryGetValue(consume.GenerationId, out var credits)
            ? Decision.Accept(new ReservedCreditsConsumed(state.SubjectId, consume.GenerationId, credits, consume.At))
            : Decision.Nothing,
        ReleaseReservation release => state.Reservations.TryGetValue(release.GenerationId, out var credits)
            ? Decision.Accept(new ReservedCreditsReleased(state.SubjectId, release.GenerationId, credits, release.Reason, release.At))
            : Decision.Nothing,
        _ => throw new InvalidOperationException($"No decision for {command.GetType().Name}."),
    };

    public static CreditState Evolve(CreditState state, object @event) => @event switch
    {
        CreditsPurchased p => state with { Available = state.Available + p.Credits, Purchases = state.Purchases.SetItem(p.PurchaseId, (p.Credits, false)) },
        PurchaseRefunded r => state with { Available = state.Available - r.Credits, Purchases = state.Purchases.SetItem(r.PurchaseId, (r.Credits, true)) },
        CreditsReserved r => state with { Available = state.Available - r.Credits, Reservations = state.Reservations.SetItem(r.GenerationId, r.Credits) },
        ReservedCreditsConsumed c => state with { Reservations = state.Reservations.Remove(c.GenerationId) },
        ReservedCreditsReleased r => state with { Available = state.Available + r.Credits, Reservations = state.Reservations.Remove(r.GenerationId) },
        _ => throw new InvalidOperationException($"Credits do not know the event {@event.GetType().Name}."),
    };

    private static Decision Purchase(PurchaseCredits purchase, CreditState state)
    {
        if (state.Purchases.ContainsKey(purchase.PurchaseId))
        {
            return Decision.Nothing;
        }

        if (purchase.Credits is < 1 or > MaxPurchase)
        {
            return new InvalidCreditAmount(MaxPurchase);
        }

        var reference = purchase.PaymentReference.Trim();
        if (reference.Length is 0 or > MaxPaymentReferenceLength || reference.Any(char.IsControl))
        {
            return new InvalidPaymentReference();
        }

        return CardNumberDetector.ContainsCardNumber(reference)
            ? new CardNumberInReference()
            : Decision.Accept(new CreditsPurchased(state.SubjectId, purchase.PurchaseId, purchase.Credits, reference, purchase.At));
    }
}
