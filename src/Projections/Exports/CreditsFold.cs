using GemPix.Domain.Credits;
using GemPix.EventStore;

namespace GemPix.Projections.Exports;

/// <summary>Folds the credit events with the domain's own <see cref="CreditDecider.Evolve"/>, so the balance is the one the API gives.</summary>
internal sealed class CreditsFold(Guid subjectId) : ISummaryFold
{
    private readonly List<CreditsPurchased> _purchases = [];
    private CreditState _state = CreditState.For(subjectId);

    public ExportCategory Category => ExportCategory.CreditsAndBilling;

    public Type SummaryType => typeof(CreditsSummary);

    public void Apply(RecordedEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        _state = CreditDecider.Evolve(_state, recorded.Data);
        if (recorded.Data is CreditsPurchased purchased)
        {
            _purchases.Add(purchased);
        }
    }

    public object? Summarize(IReadOnlyDictionary<Guid, ImageStatus> images) => new CreditsSummary(
        _state.Available,
        _state.Reserved,
        [.. _purchases.Select(p => new CreditsSummary.Purchase(
            p.PurchaseId, p.Credits, p.PaymentReference, p.At, _state.Purchases.TryGetValue(p.PurchaseId, out var state) && state.Refunded))]);
}
