using System.Diagnostics;
using GemPix.EventStore.Ledger;

namespace GemPix.Benchmarks;

/// <summary>A benchmark database with a sealed ledger: events seeded with COPY, then sealed as the worker seals them.</summary>
internal static class LedgerBenchData
{
    /// <summary>Seeds <paramref name="count"/> events and seals them all, signing a head every 100,000 leaves.</summary>
    public static async Task SeedAndSealAsync(BenchDatabase database, LedgerSealer sealer, int count, TextWriter output, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await BenchSeed.EventsAsync(database, count, cancellationToken);
        await database.ExecuteAsync("VACUUM ANALYZE gempix.events", cancellationToken);
        output.WriteLine($"  seeded {Measurement.Format(count)} events with COPY in {stopwatch.Elapsed.TotalSeconds:0.0} s");

        stopwatch.Restart();
        var sinceHead = 0;
        while (await sealer.SealNextAsync(cancellationToken) is { Outcome: not SealOutcome.Idle } seal)
        {
            sinceHead += seal.Sealed;
            if (sinceHead >= 100_000)
            {
                await sealer.IssueHeadAsync(cancellationToken);
                sinceHead = 0;
            }
        }

        await sealer.IssueHeadAsync(cancellationToken);
        await database.ExecuteAsync("VACUUM ANALYZE gempix.ledger_leaves, gempix.ledger_nodes", cancellationToken);
        output.WriteLine($"  sealed them in {stopwatch.Elapsed.TotalSeconds:0.0} s ({Measurement.Format(count / stopwatch.Elapsed.TotalSeconds)} leaves/s, catching up alone)");
    }
}
