using GemPix.Domain.Credits;
using NodaTime;

namespace GemPix.Domain.Tests.Credits;

public sealed class CreditDeciderTests
{
    private static readonly Guid Subject = Guid.NewGuid();
    private static readonly Guid Purchase = Guid.NewGuid();
    private static readonly Guid Generation = Guid.NewGuid();
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 10, 0);
    private static readonly CreditsPurchased Bought100 = new(Subject, Purchase, 100, "pay_123", Now);

    private static DeciderSpec<CreditState, CreditCommand> Spec() => new(CreditDecider.Decide, CreditDecider.Evolve, CreditState.For(Subject));

    [Fact]
    public void Credits_are_bought_with_a_payment_reference() =>
        Spec().When(new PurchaseCredits(Purchase, 100, " pay_123 ", Now)).Then(Bought100);

    [Theory]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("ref 4111-1111-1111-1111 thanks")]
    [InlineData("5500005555555559")]
    [InlineData("378282246310005")]
    [InlineData("6011111111111117")]
    [InlineData("pi_4111111111111111")]
    public void A_reference_that_carries_a_card_number_is_refused(string reference) =>
        Spec().When(new PurchaseCredits(Purchase, 10, reference, Now)).ThenRejects<CardNumberInReference>();

    [Theory]
    [InlineData("order 4111111111111112")]
    [InlineData("pi_3NkRZ2L1234567890")]
    [InlineData("123456789012")]
    [InlineData("pi_75413334406845")] // Passes the Luhn check, but 7 is no payment card's industry (ISO/IEC 7812).
    public void Digits_that_are_no_card_number_are_accepted(string reference) =>
        Spec().When(new PurchaseCredits(Purchase, 10, reference, Now)).Then(new CreditsPurchased(Subject, Purchase, 10, reference, Now));

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(100_001)]
    [InlineData(int.MaxValue)]
    public void Zero_negative_or_huge_amounts_are_refused(int credits) =>
        Spec().When(new PurchaseCredits(Purchase, credits, "pay_1", Now)).ThenRejects<InvalidCreditAmount>();

    [Fact]
    public void A_generation_reserves_its_cost_and_consumes_it_on_success()
    {
        Spec().Given(Bought100).When(new ReserveCredits(Generation, 30, Now)).Then(new CreditsReserved(Subject, Generation, 30, Now));
        Spec().Given(Bought100, new CreditsReserved(Subject, Generation, 30, Now)).When(new ConsumeReservation(Generation, Now))
            .Then(new ReservedCreditsConsumed(Subject, Generation, 30, Now));
    }

    [Fact]
    public void A_failed_generation_gets_its_credits_back_once()
    {
        var reserved = new CreditsReserved(Subject, Generation, 30, Now);
        var released = new ReservedCreditsReleased(Subject, Generation, 30, "failed", Now);

        Spec().Given(Bought100, reserved).When(new ReleaseReservation(Generation, "failed", Now)).Then(released);
        Spec().Given(Bought100, reserved, released).When(new ReleaseReservation(Generation, "failed", Now)).ThenNothing();
        new[] { Bought100, reserved, (object)released }.Aggregate(CreditState.For(Subject), CreditDecider.Evolve).Available.Should().Be(100);
    }

    [Fact]
    public void Reserving_more_than_is_available_is_refused() =>
        Spec().Given(Bought100, new CreditsReserved(Subject, Guid.NewGuid(), 80, Now)).When(new ReserveCredits(Generation, 30, Now))
            .ThenRejects<InsufficientCredits>().Available.Should().Be(20);

    [Fact]
    public void A_purchase_whose_credits_were_spent_cannot_be_refunded_below_zero() =>
        Spec().Given(Bought100, new CreditsReserved(Subject, Generation, 30, Now)).When(new RefundPurchase(Purchase, Now))
            .ThenRejects<RefundExceedsBalance>();

    [Fact]
    public void A_purchase_is_refunded_once()
    {
        var refunded = new PurchaseRefunded(Subject, Purchase, 100, Now);

        Spec().Given(Bought100).When(new RefundPurchase(Purchase, Now)).Then(refunded);
        Spec().Given(Bought100, refunded).When(new RefundPurchase(Purchase, Now)).ThenNothing();
        Spec().When(new RefundPurchase(Purchase, Now)).ThenRejects<UnknownPurchase>();
    }

    [Fact]
    public void The_same_purchase_sent_twice_is_bought_once() =>
        Spec().Given(Bought100).When(new PurchaseCredits(Purchase, 100, "pay_123", Now)).ThenNothing();
}
