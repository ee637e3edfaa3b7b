using System.Diagnostics;
using GemPix.EventStore.Ledger;
using GemPix.Projections.Hosting;
using GemPix.Protection.Signing;

namespace GemPix.Benchmarks;

/// <summary>
/// <c>bench verify</c>: <c>verify-ledger</c>'s check over a million sealed events (every leaf recomputed from its
/// columns, every node and head checked), against reading the same rows the same way and checking nothing, in the same
/// run. Target: at most 30 s for 1,000,000 events.
/// </summary>
public sealed class VerifyBenchmark(TextWriter output)
{
    public static readonly TimeSpan Target = TimeSpan.FromSeconds(30);

    public async Task<double> RunAsync(string server, BenchOptions options, CancellationToken cancellationToken)
    {
        await using var database = await BenchDatabase.CreateAsync(server, cancellationToken);
        await using var services = BenchServices.Create(database);
        output.WriteLine($"verify: {Measurement.Format(options.Events)} events, {Math.Max(1, options.Rounds - 1)} rounds per side (median)");
        await LedgerBenchData.SeedAndSealAsync(database, services.Get<LedgerSealer>(), options.Events, output, cancellationToken);
        var jwks = await services.Get<ServiceSigningKeys>().ReadPublishedAsync(cancellationToken);
        var verifier = new LedgerVerifier(database.App, new JwksTreeHeadVerifier(jwks));

        var read = new List<double>();
        var verify = new List<double>();
        for (var round = 0; round < Math.Max(1, options.Rounds - 1); round++)
        {
            var stopwatch = Stopwatch.StartNew();
            await verifier.ReadOnlyAsync(cancellationToken);
            read.Add(stopwatch.Elapsed.TotalSeconds);

            stopwatch.Restart();
            var result = await verifier.VerifyAsync(null, cancellationToken);
            verify.Add(stopwatch.Elapsed.TotalSeconds);
            if (!result.IsValid || result.Leaves != options.Events)
            {
                throw new InvalidOperationException($"The benchmark's own ledger did not verify: {result.Fault?.Reason}");
            }
        }

        var (readTime, verifyTime) = (Measurement.Median(read), Measurement.Median(verify));
        var ratio = readTime / verifyTime;
        output.WriteLine($"  read the same rows only   {readTime,6:0.0} s   {Measurement.Format(options.Events / readTime),10} events/s");
        output.WriteLine($"  verify-ledger             {verifyTime,6:0.0} s   {Measurement.Format(options.Events / verifyTime),10} events/s   (target <= {Target.TotalSeconds:0} s)");
        output.WriteLine(
            $"verify: events={options.Events} verify={verifyTime:0.0}s read={readTime:0.0}s target<={Target.TotalSeconds:0}s ratio={Measurement.Ratio(ratio)}");
        return verifyTime;
    }
}
