namespace GemPix.Domain.Credits;

public sealed record InvalidCreditAmount(int Max)
    : Rejection("invalid-credit-amount", $"Credits must be a whole number from 1 to {Max}.")
{
    public override string? Field => "credits";
}

public sealed record CardNumberInReference()
    : Rejection("card-number-in-reference", "Send a payment reference from the payment provider, never a card number.")
{
    public override string? Field => "paymentReference";
}

public sealed record InvalidPaymentReference()
    : Rejection("invalid-payment-reference", "The payment reference must be 1 to 200 printable characters.")
{
    public override string? Field => "paymentReference";
}

public sealed record InsufficientCredits(int Available, int Required)
    : Rejection("insufficient-credits", $"{Required} credits are needed and {Available} are available.");

public sealed record UnknownPurchase() : Rejection("unknown-purchase", "There is no such purchase.");

public sealed record RefundExceedsBalance(int Available, int Refund)
    : Rejection("refund-exceeds-balance", $"The refund of {Refund} credits exceeds the {Available} still available.");

public sealed record UnknownReservation() : Rejection("unknown-reservation", "There is no such reservation.");
