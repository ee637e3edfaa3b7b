using GemPix.EventStore;

namespace GemPix.Projections.Exports;

/// <summary>
/// Folds one category's events into the summary a person reads first: how things stand now. One instance per
/// export, fed the category's events in order.
/// </summary>
internal interface ISummaryFold
{
    ExportCategory Category { get; }

    /// <summary>The summary's record type, from which its JSON Schema is generated.</summary>
    Type SummaryType { get; }

    /// <summary>The images the events point to; the export writes them before it asks for the summary.</summary>
    IEnumerable<ExportImage> Images => [];

    void Apply(RecordedEvent recorded);

    /// <summary>The summary, told what became of each image (by blob id); null when there is nothing to summarise.</summary>
    object? Summarize(IReadOnlyDictionary<Guid, ImageStatus> images);
}
