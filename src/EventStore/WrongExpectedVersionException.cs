namespace GemPix.EventStore;

/// <summary>The stream was not in the expected state: somebody else appended first. Re-read, decide again, retry.</summary>
public sealed class WrongExpectedVersionException(Guid streamId, ExpectedVersion expected, long? actual)
    : Exception($"Stream {streamId} was expected at {expected} but is at {(actual is null ? "an unknown version" : actual == -1 ? "no stream" : actual)}.")
{
    public Guid StreamId { get; } = streamId;

    public ExpectedVersion Expected { get; } = expected;

    /// <summary>The version found, -1 when the stream does not exist, null when unknown.</summary>
    public long? Actual { get; } = actual;
}
