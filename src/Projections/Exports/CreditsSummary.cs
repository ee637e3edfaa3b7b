using GemPix.Domain.Protection;
using NodaTime;

namespace GemPix.Projections.Exports;

/// <summary>The balance as <c>GET /v1/credits</c> shows it, and every purchase with its payment reference.</summary>
/// <param name="Balance">Credits available to spend.</param>
/// <param name="Reserved">Credits set aside for generations still running.</param>
internal sealed record CreditsSummary(int Balance, int Reserved, IReadOnlyList<CreditsSummary.Purchase> Purchases)
{
    public sealed record Purchase(Guid PurchaseId, int Credits, Billing<string> PaymentReference, Instant At, bool Refunded);
}
