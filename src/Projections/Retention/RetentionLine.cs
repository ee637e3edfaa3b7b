namespace GemPix.Projections.Retention;

/// <summary>One retention class's share of a run: what was purged (or, dry, is due), item by item.</summary>
public sealed record RetentionLine(string RetentionClass, IReadOnlyList<RetentionItem> Items)
{
    public int Count => Items.Count;
}
