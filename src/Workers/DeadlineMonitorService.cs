using GemPix.Projections.PrivacyRequests;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GemPix.Workers;

/// <summary>Runs the deadline monitor every few minutes; each run sets the same flags, so any number of workers may run it.</summary>
internal sealed partial class DeadlineMonitorService(DeadlineMonitor monitor, ILogger<DeadlineMonitorService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                var flags = await monitor.RunOnceAsync(stoppingToken);
                if (flags.DueSoon + flags.Overdue > 0)
                {
                    LogFlagged(logger, flags.DueSoon, flags.Overdue);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Privacy requests: {DueSoon} due within a week, {Overdue} overdue")]
    private static partial void LogFlagged(ILogger logger, int dueSoon, int overdue);

    [LoggerMessage(Level = LogLevel.Error, Message = "The deadline monitor failed ({Error}); it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, string error);
}
