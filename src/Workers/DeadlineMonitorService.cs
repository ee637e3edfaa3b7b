using GemPix.Projections.PrivacyRequests;
using Microsoft.Extensions.Logging;

namespace GemPix.Workers;

/// <summary>Runs the deadline monitor every few minutes; each run sets the same flags, so any number of workers may run it.</summary>
internal sealed partial class DeadlineMonitorService(DeadlineMonitor monitor, ILogger<DeadlineMonitorService> logger) : PeriodicWorkService(logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(5);

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var flags = await monitor.RunOnceAsync(cancellationToken);
        if (flags.DueSoon + flags.Overdue > 0)
        {
            LogFlagged(logger, flags.DueSoon, flags.Overdue);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Privacy requests: {DueSoon} due within a week, {Overdue} overdue")]
    private static partial void LogFlagged(ILogger logger, int dueSoon, int overdue);
}
