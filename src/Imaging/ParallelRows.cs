namespace GemPix.Imaging;

/// <summary>
/// Runs work over an image's rows on one dedicated thread per core, handing out rows one at a time. Dedicated
/// threads rather than the thread pool, because rendering keeps every core busy for seconds: on the pool it would
/// starve the timers, request handling and cancellation callbacks that share it, and cancellation would arrive late.
/// </summary>
internal static class ParallelRows
{
    /// <param name="rows">Rows 0 to <paramref name="rows"/> - 1 are each processed once.</param>
    /// <param name="createWorker">Called once per thread, for buffers of its own; returns what processes one row.</param>
    /// <param name="cancellationToken">Checked before every row.</param>
    public static async Task RunAsync(int rows, Func<Action<int>> createWorker, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var next = -1;
        var workers = new Task[Math.Clamp(rows, 1, Environment.ProcessorCount)];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Factory.StartNew(
                () =>
                {
                    var processRow = createWorker();
                    int row;
                    while (!cancellationToken.IsCancellationRequested && (row = Interlocked.Increment(ref next)) < rows)
                    {
                        processRow(row);
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
