namespace GemPix.EventStore;

/// <summary>An event id of the append is already stored, but not as this append would have stored it: a client bug, never a retry.</summary>
public sealed class DuplicateEventException(Guid streamId)
    : Exception($"Events of an append to stream {streamId} were already stored elsewhere.")
{
    public Guid StreamId { get; } = streamId;
}
