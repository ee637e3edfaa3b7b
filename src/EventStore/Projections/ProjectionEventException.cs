namespace GemPix.EventStore.Projections;

/// <summary>A projection failed on a page that starts at <see cref="Seq"/> (exactly that event when the page has one).</summary>
internal sealed class ProjectionEventException(long seq, Exception inner) : Exception($"Projection failed at event {seq}.", inner)
{
    public long Seq { get; } = seq;
}
