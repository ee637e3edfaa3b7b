using Npgsql;

namespace GemPix.EventStore;

/// <summary>
/// Tells listeners (the projection daemons, the ledger sealer) that events were committed. A NOTIFY inside
/// the append transaction would serialise every commit on PostgreSQL's notification queue lock, so the
/// appending process sends one after commit instead, at most one per <see cref="Window"/>: a burst of appends
/// costs one notification. It is only a wake-up; listeners poll as well.
/// </summary>
public sealed class AppendNotifier(NpgsqlDataSource dataSource)
{
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(5);

    private int _pending;

    public void Committed()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0)
        {
            _ = SendAsync();
        }
    }

    private async Task SendAsync()
    {
        try
        {
            await Task.Delay(Window);
            // Cleared before sending: an append that commits from now on asks for a notification of its own.
            Volatile.Write(ref _pending, 0);
            await using var command = dataSource.CreateCommand("SELECT pg_notify('gempix_events', '')");
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or ObjectDisposedException or InvalidOperationException)
        {
            // A lost wake-up: listeners find the events at their next poll.
            Volatile.Write(ref _pending, 0);
        }
    }
}
