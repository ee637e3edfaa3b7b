using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GemPix.Workers;

/// <summary>
/// Work that runs once at start and then every <see cref="Interval"/>; a failed run is logged by its exception's type
/// (never its message, which may name data) and the next one comes at the next interval.
/// </summary>
internal abstract partial class PeriodicWorkService(ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, GetType().Name, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Work} failed ({Error}); it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, string work, string error);
}
