using GemPix.EventStore;
using NodaTime;

namespace GemPix.Projections.Exports;

/// <summary>One event as a category file lists it: what happened, when, in which stream, who acted, and its data.</summary>
/// <param name="Seq">The event's place in the global sequence: events of all categories interleave by it.</param>
/// <param name="Type">The stable stored name, e.g. <c>consent-given</c>.</param>
/// <param name="Data">The event's data, personal values in plain form or as <see cref="ErasedValue"/>.</param>
internal sealed record ExportedEvent(
    Guid Id,
    long Seq,
    string Type,
    Instant RecordedAt,
    Guid StreamId,
    long StreamVersion,
    ExportedActor Actor,
    Guid? CorrelationId,
    Guid? CausationId,
    object Data)
{
    public static ExportedEvent From(RecordedEvent e) => new(
        e.Id,
        e.Seq,
        e.Type,
        e.RecordedAt,
        e.StreamId,
        e.Version,
        new ExportedActor(e.Metadata.ActorKind, e.Metadata.ActorId),
        e.Metadata.CorrelationId,
        e.Metadata.CausationId,
        e.Data);
}
