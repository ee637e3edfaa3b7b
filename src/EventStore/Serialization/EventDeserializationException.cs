namespace GemPix.EventStore.Serialization;

/// <summary>A stored event could not be turned back into its record; <see cref="Seq"/> names it.</summary>
public sealed class EventDeserializationException(long seq, string type, Exception inner)
    : Exception($"Event {seq} of type '{type}' could not be read: {inner.Message}", inner)
{
    public long Seq { get; } = seq;
}
