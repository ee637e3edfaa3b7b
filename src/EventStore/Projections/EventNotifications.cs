using Microsoft.Extensions.Logging;
using Npgsql;

namespace GemPix.EventStore.Projections;

/// <summary>
/// Wakes waiting consumers when events are appended (<c>LISTEN gempix_events</c> on a dedicated connection).
/// Only a wake-up: consumers also look again after their poll interval, so a lost notification costs latency,
/// never an event.
/// </summary>
public sealed partial class EventNotifications(NpgsqlDataSource dataSource, ILogger<EventNotifications> logger)
{
    public const string Channel = "gempix_events";

    private TaskCompletionSource _signal = NewSignal();

    /// <summary>
    /// The next wake-up. Take it before looking for work, then wait on it: a notification that arrives while
    /// looking has then already completed it.
    /// </summary>
    public Task Next => Volatile.Read(ref _signal).Task;

    /// <summary>Waits for <paramref name="signal"/> or <paramref name="timeout"/>, whichever comes first.</summary>
    public static async Task WaitAsync(Task signal, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await signal.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The poll interval passed: look anyway.
        }
    }

    public void Notify() => Interlocked.Exchange(ref _signal, NewSignal()).TrySetResult();

    /// <summary>Listens until cancelled; anything appended while not listening is found by the wake-up after each connect.</summary>
    public Task ListenAsync(CancellationToken cancellationToken) =>
        PostgresListener.ListenAsync(dataSource, Channel, _ => Notify(), Notify, e => LogListenerLost(logger, e), cancellationToken);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the event notification connection; consumers poll until it is back")]
    private static partial void LogListenerLost(ILogger logger, Exception exception);
}
