using Npgsql;

namespace GemPix.EventStore;

/// <summary>
/// <c>LISTEN</c> on a channel over a dedicated connection until cancelled, reconnecting after a lost
/// connection. <paramref name="connected"/> runs after each (re)connect: notifications sent while nobody
/// listened are lost, so a listener that cares looks again then.
/// </summary>
public static class PostgresListener
{
    public static async Task ListenAsync(
        NpgsqlDataSource dataSource, string channel, Action<string> notified, Action connected, Action<Exception> lost, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                connection.Notification += (_, e) => notified(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

                connected();
                while (true)
                {
                    await connection.WaitAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                lost(e);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
