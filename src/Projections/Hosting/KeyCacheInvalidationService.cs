using GemPix.Protection.Keys;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GemPix.Projections.Hosting;

/// <summary>
/// Drops cached keys when any process destroys them (<c>LISTEN gempix_keys</c>; the payload names the subject
/// or asset). The destroying process evicts its own cache before the shred returns; the append guard
/// (<c>gempix.append_guard</c>) refuses a stale cached key in the meantime.
/// </summary>
internal sealed partial class KeyCacheInvalidationService(NpgsqlDataSource dataSource, KeyVault vault, ILogger<KeyCacheInvalidationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (Guid.TryParse(e.Payload, out var id))
                    {
                        vault.Evict(id);
                    }
                };
                await using (var listen = new NpgsqlCommand("LISTEN gempix_keys", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                LogListenerLost(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the key invalidation connection; reconnecting")]
    private static partial void LogListenerLost(ILogger logger, Exception exception);
}
