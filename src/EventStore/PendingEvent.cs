namespace GemPix.EventStore;

/// <summary>An event about to be appended. Its id is chosen by the writer, so re-sending it is a no-op.</summary>
public sealed record PendingEvent(Guid Id, object Data, EventMetadata Metadata)
{
    /// <summary>A new event with a time-ordered (version 7) id.</summary>
    public static PendingEvent Create(object data, EventMetadata? metadata = null) =>
        new(Guid.CreateVersion7(), data, metadata ?? EventMetadata.System);
}
