using System.Diagnostics;

namespace GemPix.Benchmarks;

/// <summary>
/// Counts the SQL commands this process sends while it is alive, from Npgsql's activity source (one activity per
/// command or batch, each a round trip to the server): how many trips a request costs.
/// </summary>
internal sealed class SqlCommandCount : IDisposable
{
    private readonly ActivityListener _listener;
    private long _commands;

    public SqlCommandCount()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
            ActivityStopped = _ => Interlocked.Increment(ref _commands),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public long Commands => Interlocked.Read(ref _commands);

    public void Dispose() => _listener.Dispose();
}
