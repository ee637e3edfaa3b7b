namespace GemPix.EventStore;

/// <summary>
/// A younger transaction appended to the stream first; appending now would put this transaction's events
/// before that one's in the global order but after them in the stream. Nothing is wrong with the events:
/// run the unit of work again in a new transaction (the store does so itself when it owns the transaction).
/// </summary>
public sealed class TransactionOrderConflictException(Guid streamId, Exception inner)
    : Exception($"A younger transaction appended to stream {streamId} first; retry in a new transaction.", inner)
{
    public Guid StreamId { get; } = streamId;
}
