namespace GemPix.EventStore.Protection;

/// <summary>One stored event's data JSON on its way to being read, which the protector rewrites in place.</summary>
public sealed class StoredEventData(Guid eventId, string json)
{
    public Guid EventId { get; } = eventId;

    public string Json { get; set; } = json;
}
