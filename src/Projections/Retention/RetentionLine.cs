namespace GemPix.Projections.Retention;

/// <summary>One class's count, and what names the purge where it has names (days dropped, certificates issued).</summary>
public sealed record RetentionLine(string RetentionClass, int Count, IReadOnlyList<string> Details);
