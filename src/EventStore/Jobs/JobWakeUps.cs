using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GemPix.EventStore.Jobs;

/// <summary>
/// Wakes this process's waiting workers when a job is enqueued: <c>LISTEN gempix_jobs</c> on one dedicated
/// connection, started by the first wait. A notification carries the queue's name.
/// </summary>
/// <remarks>
/// Each queue has a signal that a notification completes and a wait consumes. A notification that arrives while
/// no one waits leaves the signal completed, so the next wait returns at once: a worker that looked, found nothing
/// and then waits does not miss a job enqueued in between. After each (re)connect every signal is completed, since
/// notifications sent while nobody listened are lost. Only a wake-up: workers poll as well.
/// </remarks>
internal sealed partial class JobWakeUps(NpgsqlDataSource dataSource, ILogger logger) : IAsyncDisposable
{
    public const string Channel = "gempix_jobs";

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _starting = new();
    private Task? _listening;

    /// <summary>Waits for a job on <paramref name="queue"/>: true when woken, false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> WaitAsync(string queue, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // The signal exists before the listener starts, so that its first connect completes it.
        var signal = _signals.GetOrAdd(queue, _ => NewSignal());
        EnsureListening();
        try
        {
            await signal.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return false;
        }

        // Consumed. A notification that completed it after this wait began is covered: the caller looks next.
        _signals.TryUpdate(queue, NewSignal(), signal);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_listening is { } listening)
        {
            await listening.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stopping.Dispose();
    }

    private void EnsureListening()
    {
        if (Volatile.Read(ref _listening) is not null)
        {
            return;
        }

        lock (_starting)
        {
            _listening ??= PostgresListener.ListenAsync(dataSource, Channel, Notified, Connected, Lost, _stopping.Token);
        }
    }

    // A queue nobody here waits on yet gets a completed signal too: its first worker may have looked just before.
    private void Notified(string queue)
    {
        if (JobQueueName.IsValid(queue))
        {
            _signals.GetOrAdd(queue, _ => NewSignal()).TrySetResult();
        }
    }

    private void Connected()
    {
        foreach (var signal in _signals.Values)
        {
            signal.TrySetResult();
        }
    }

    private void Lost(Exception exception) => LogListenerLost(logger, exception);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the job notification connection; workers poll until it is back")]
    private static partial void LogListenerLost(ILogger logger, Exception exception);
}
