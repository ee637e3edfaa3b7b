using GemPix.EventStore;
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
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PostgresListener.ListenAsync(
            dataSource,
            "gempix_keys",
            payload =>
            {
                if (Guid.TryParse(payload, out var id))
                {
                    vault.Evict(id);
                }
            },
            () => { },
            e => LogListenerLost(logger, e),
            stoppingToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the key invalidation connection; reconnecting")]
    private static partial void LogListenerLost(ILogger logger, Exception exception);
}
