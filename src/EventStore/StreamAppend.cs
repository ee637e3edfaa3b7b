namespace GemPix.EventStore;

/// <summary>One stream's share of a unit of work.</summary>
/// <param name="StreamId">The stream.</param>
/// <param name="StreamType">What the stream is (an aggregate's name); recorded when the stream is created.</param>
/// <param name="SubjectId">The person whose data the stream holds, if any: kept on every row for sharding and exports.</param>
/// <param name="Expected">What the stream must look like for the append to go through.</param>
/// <param name="Events">At least one event.</param>
public sealed record StreamAppend(Guid StreamId, string StreamType, Guid? SubjectId, ExpectedVersion Expected, IReadOnlyList<PendingEvent> Events);
