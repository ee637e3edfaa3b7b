using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using GemPix.Api.Authentication;
using GemPix.Api.Hosting;
using GemPix.EventStore.Ledger;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
        var dataDirectory = Path.Combine(Path.GetTempPath(), "gempix-bench-" + Guid.NewGuid().ToString("N"));
        var url = $"http://127.0.0.1:{FreePort()}";
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GEMPIX_DB"] = database.ConnectionString,
            ["GEMPIX_URL"] = url,
            ["GEMPIX_DATA"] = dataDirectory,
        });
        builder.Logging.ClearProviders();
        builder.AddGemPixApi();
        await using var app = builder.Build();
        app.MapGemPixApi();
        try
        {
            var requests = Math.Max(500, options.Seconds * options.Rounds * 200);
            output.WriteLine($"proof: {Measurement.Format(options.Events)} leaves, {Measurement.Format(requests)} requests per route, one at a time, alternating");
            await LedgerBenchData.SeedAndSealAsync(database, app.Services.GetRequiredService<LedgerSealer>(), options.Events, output, cancellationToken);
            await app.StartAsync(cancellationToken);

            var key = await app.Services.GetRequiredService<ApiKeyStore>().IssueAsync(ApiKeyRoles.Auditor, "bench", cancellationToken);
            using var client = new HttpClient { BaseAddress = new Uri(url) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Secret);
            var treeSize = (await app.Services.GetRequiredService<LedgerReader>().GetLatestHeadAsync(cancellationToken))!.TreeSize;
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

            var (liveP50, liveP99) = (Percentile(liveTimes, 0.50), Percentile(liveTimes, 0.99));
            var (proofP50, proofP99) = (Percentile(proofTimes, 0.50), Percentile(proofTimes, 0.99));
            output.WriteLine($"  GET /health/live                 p50 {liveP50,6:0.00} ms   p99 {liveP99,6:0.00} ms");
            output.WriteLine($"  GET /v1/audit/ledger/inclusion   p50 {proofP50,6:0.00} ms   p99 {proofP99,6:0.00} ms   (target p99 <= {Target.TotalMilliseconds:0} ms)");
            output.WriteLine(
                $"proof: leaves={treeSize} p50={proofP50:0.00}ms p99={proofP99:0.00}ms live-p99={liveP99:0.00}ms target<={Target.TotalMilliseconds:0}ms ratio={Measurement.Ratio(proofP99 / liveP99)}");
            return proofP99;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
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

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
