namespace GemPix.EventStore.Projections;

/// <summary>An inline read model that can be emptied and rebuilt from the events (<see cref="InlineProjectionRebuild"/>).</summary>
public interface IRebuildableInlineProjection : IInlineProjection
{
    /// <summary>A stable name, for <c>./gempix projections rebuild NAME</c>.</summary>
    string Name { get; }

    /// <summary>The tables it writes, emptied (and locked against the appends that write them) while it is rebuilt.</summary>
    IReadOnlyList<string> Tables { get; }
}
