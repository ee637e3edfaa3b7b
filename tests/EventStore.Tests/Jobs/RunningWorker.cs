using GemPix.EventStore.Jobs;

namespace GemPix.EventStore.Tests.Jobs;

/// <summary>A <see cref="JobWorker"/> running in the background, as a hosted service runs it; disposing stops it and waits for it.</summary>
public sealed class RunningWorker : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _run = Task.CompletedTask;

    public static RunningWorker Start(JobWorker worker)
    {
        var running = new RunningWorker();
        running._run = Task.Run(() => worker.RunAsync(running._stopping.Token));
        return running;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(60));
        _stopping.Dispose();
    }
}
