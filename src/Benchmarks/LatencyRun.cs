namespace GemPix.Benchmarks;

/// <summary>
/// What <see cref="Measurement.LatenciesAsync"/> measured: how long it ran, the processor time this process spent
/// meanwhile (all its threads: the clients and, when it hosts it, the server), and how long each request took.
/// </summary>
internal sealed class LatencyRun
{
    private readonly double[] _sorted;

    public LatencyRun(TimeSpan elapsed, TimeSpan processorTime, double[] milliseconds)
    {
        ArgumentNullException.ThrowIfNull(milliseconds);
        Elapsed = elapsed;
        ProcessorTime = processorTime;
        _sorted = [.. milliseconds.Order()];
    }

    public TimeSpan Elapsed { get; }

    public TimeSpan ProcessorTime { get; }

    /// <summary>This process's processor time per request, in milliseconds.</summary>
    public double ProcessorPerRequest => _sorted.Length == 0 ? double.NaN : ProcessorTime.TotalMilliseconds / _sorted.Length;

    public int Requests => _sorted.Length;

    public double RatePerSecond => _sorted.Length / Elapsed.TotalSeconds;

    public double P50 => Measurement.Percentile(_sorted, 0.50);

    public double P99 => Measurement.Percentile(_sorted, 0.99);
}
