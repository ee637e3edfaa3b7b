using GemPix.Projections.Retention;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace GemPix.Workers;

/// <summary>Enforces retention daily (and once at start), one process at a time (<see cref="RetentionRun"/>); logs counts, never what was purged.</summary>
internal sealed partial class RetentionService(RetentionRun run, IClock clock, ILogger<RetentionService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(24);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                if (await run.TryRunAsync(clock.GetCurrentInstant(), dryRun: false, stoppingToken) is { } report)
                {
                    foreach (var line in report.Lines.Where(l => l.Count > 0))
                    {
                        LogPurged(logger, line.RetentionClass, line.Count);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention purged {Count} of {RetentionClass}")]
    private static partial void LogPurged(ILogger logger, string retentionClass, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention failed ({Error}); it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, string error);
}
