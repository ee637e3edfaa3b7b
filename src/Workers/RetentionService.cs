using GemPix.Projections.Retention;
using Microsoft.Extensions.Logging;

namespace GemPix.Workers;

/// <summary>Enforces retention daily (and once at start), one process at a time (<see cref="RetentionRun"/>); logs counts, never what was purged.</summary>
internal sealed partial class RetentionService(RetentionRun run, ILogger<RetentionService> logger) : PeriodicWorkService(logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(24);

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (await run.TryRunNowAsync(dryRun: false, cancellationToken) is { } report)
        {
            foreach (var line in report.Lines.Where(l => l.Count > 0))
            {
                LogPurged(logger, line.RetentionClass, line.Count);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention purged {Count} of {RetentionClass}")]
    private static partial void LogPurged(ILogger logger, string retentionClass, int count);
}
