using NodaTime;

namespace GemPix.Projections.Retention;

/// <summary>What one retention run purged (or, dry, would purge), per retention class.</summary>
public sealed record RetentionReport(Instant AsOf, bool DryRun, IReadOnlyList<RetentionLine> Lines);
