using GemPix.Domain.Consents;
using GemPix.EventStore;

namespace GemPix.Projections.Exports;

/// <summary>Folds the consent events with the domain's own <see cref="ConsentDecider.Evolve"/>.</summary>
internal sealed class ConsentsFold(Guid subjectId, ConsentNotices notices) : ISummaryFold
{
    private ConsentState _state = ConsentState.For(subjectId);

    public ExportCategory Category => ExportCategory.Consents;

    public Type SummaryType => typeof(ConsentsSummary);

    public void Apply(RecordedEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        _state = ConsentDecider.Evolve(_state, recorded.Data);
    }

    public object? Summarize(IReadOnlyDictionary<Guid, ImageStatus> images) =>
        _state.Records.IsEmpty
            ? null
            : new ConsentsSummary([.. _state.Records.Values
                .OrderBy(r => r.Purpose)
                .Select(r => new ConsentsSummary.Choice(r.Purpose, r.Granted, r.NoticeVersion, r.Source, r.At, r.NeedsRenewal(notices)))]);
}
