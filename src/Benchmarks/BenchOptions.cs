namespace GemPix.Benchmarks;

/// <summary>How long and how big a benchmark runs; the defaults are the figures docs/benchmarks.md reports.</summary>
public sealed record BenchOptions
{
    public int Writers { get; init; } = 8;

    public int Seconds { get; init; } = 5;

    public int Rounds { get; init; } = 3;

    public int Events { get; init; } = 1_000_000;

    /// <summary>Concurrent HTTP clients of <c>bench api</c>, each a subject of its own.</summary>
    public int Clients { get; init; } = 32;
}
