namespace GemPix.EventStore;

/// <summary>
/// Why and by whom an event was written. Never holds personal data: actors are named by id and kind only.
/// </summary>
/// <param name="CorrelationId">The request or job the event belongs to; shared by every event it caused.</param>
/// <param name="CausationId">The command or event that directly caused this one.</param>
/// <param name="ActorKind">Who acted: <c>subject</c>, <c>auditor</c>, <c>regulator</c>, <c>admin</c>, <c>system</c>.</param>
/// <param name="ActorId">The acting subject's or key's id; null for the system.</param>
public sealed record EventMetadata(Guid? CorrelationId, Guid? CausationId, string ActorKind, string? ActorId)
{
    public static EventMetadata System { get; } = new(null, null, "system", null);
}
