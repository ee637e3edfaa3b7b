using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using GemPix.Api.Authentication;
using GemPix.EventStore.Ledger;
using Microsoft.Extensions.DependencyInjection;

namespace GemPix.Benchmarks;

/// <summary>
/// <c>bench proof</c>: the latency of <c>GET /v1/audit/ledger/inclusion</c> for random events of a ledger of a million
/// leaves, through Kestrel on loopback with an auditor's key, against <c>GET /health/live</c> on the same host in the
/// same run, requests alternating one at a time. Target: p99 at most 20 ms.
/// </summary>
public sealed class ProofBenchmark(TextWriter output)
{
    public static readonly TimeSpan Target = TimeSpan.FromMilliseconds(20);

    public async Task<double> RunAsync(string server, BenchOptions options, CancellationToken cancellationToken)
    {
        await using var database = await BenchDatabase.CreateAsync(server, cancellationToken);
        await using var host = BenchApiHost.Create(database);
        var requests = Math.Max(500, options.Seconds * options.Rounds * 200);
        output.WriteLine($"proof: {Measurement.Format(options.Events)} leaves, {Measurement.Format(requests)} requests per route, one at a time, alternating");
        await LedgerBenchData.SeedAndSealAsync(database, host.Services.GetRequiredService<LedgerSealer>(), options.Events, output, cancellationToken);
        await host.StartAsync(cancellationToken);

        var key = await host.Services.GetRequiredService<ApiKeyStore>().IssueAsync(ApiKeyRoles.Auditor, "bench", cancellationToken);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Secret);
        var treeSize = (await host.Services.GetRequiredService<LedgerReader>().GetLatestHeadAsync(cancellationToken))!.TreeSize;
        var random = new Random(6962);
        Uri Proof() => new($"/v1/audit/ledger/inclusion?seq={random.NextInt64(1, treeSize + 1)}&treeSize={treeSize}", UriKind.Relative);
        var live = new Uri("/health/live", UriKind.Relative);

        for (var i = 0; i < 200; i++)
        {
            await TimeAsync(client, live, cancellationToken);
            await TimeAsync(client, Proof(), cancellationToken);
        }

        var liveTimes = new List<double>(requests);
        var proofTimes = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            liveTimes.Add(await TimeAsync(client, live, cancellationToken));
            proofTimes.Add(await TimeAsync(client, Proof(), cancellationToken));
        }

        liveTimes.Sort();
        proofTimes.Sort();
        var (liveP50, liveP99) = (Measurement.Percentile(liveTimes, 0.50), Measurement.Percentile(liveTimes, 0.99));
        var (proofP50, proofP99) = (Measurement.Percentile(proofTimes, 0.50), Measurement.Percentile(proofTimes, 0.99));
        output.WriteLine($"  GET /health/live                 p50 {liveP50,6:0.00} ms   p99 {liveP99,6:0.00} ms");
        output.WriteLine($"  GET /v1/audit/ledger/inclusion   p50 {proofP50,6:0.00} ms   p99 {proofP99,6:0.00} ms   (target p99 <= {Target.TotalMilliseconds:0} ms)");
        output.WriteLine(
            $"proof: leaves={treeSize} p50={proofP50:0.00}ms p99={proofP99:0.00}ms live-p99={liveP99:0.00}ms target<={Target.TotalMilliseconds:0}ms ratio={Measurement.Ratio(proofP99 / liveP99)}");
        return proofP99;
    }

    private static async Task<double> TimeAsync(HttpClient client, Uri route, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(route, cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return response.StatusCode == HttpStatusCode.OK
            ? elapsed
            : throw new InvalidOperationException($"GET {route} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }
}
