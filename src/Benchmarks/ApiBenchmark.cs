using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using GemPix.Domain.Credits;
using GemPix.Domain.Generations;
using GemPix.EventStore;
using GemPix.Projections.Generations;
using GemPix.Projections.Handling;
using GemPix.Protection.Keys;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace GemPix.Benchmarks;

/// <summary>
/// <c>bench api</c>: the API on Kestrel on loopback, rate limits raised, no workers (jobs only queue), and a client per
/// registered subject, all sending at once for a fixed time per phase: <c>GET /health/live</c> (the framework's floor),
/// <c>POST /v1/generations</c> of small images, and <c>GET /v1/generations/{id}</c> of the ids just created. Targets:
/// the POST rate at least 40% of the floor's, its p99 under 25 ms. A breakdown of one POST's parts follows, timed one
/// at a time, to say where the time goes.
/// </summary>
public sealed class ApiBenchmark(TextWriter output)
{
    public const double TargetRatio = 0.40;
    public static readonly TimeSpan TargetP99 = TimeSpan.FromMilliseconds(25);

    /// <summary>The side of the generations asked for: the smallest the domain allows, one credit each.</summary>
    public const int Side = GenerationLimits.MinSide;

    /// <summary>Rate limits far above anything the benchmark can send, so that it measures the work and not the limiter's refusals.</summary>
    private const string UnlimitedPerMinute = "1000000000";

    private static readonly Uri Live = new("/health/live", UriKind.Relative);
    private static readonly Uri Generations = new("/v1/generations", UriKind.Relative);

    public async Task<double> RunAsync(string server, BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var database = await BenchDatabase.CreateAsync(server, cancellationToken);
        await using var host = BenchApiHost.Create(database, new Dictionary<string, string?>
        {
            ["GEMPIX_RATE_PER_TOKEN"] = UnlimitedPerMinute,
            ["GEMPIX_RATE_PER_IP"] = UnlimitedPerMinute,
        });
        await host.StartAsync(cancellationToken);
        var duration = TimeSpan.FromSeconds(options.Seconds);
        var warmUp = TimeSpan.FromSeconds(Math.Clamp(options.Seconds / 5.0, 1, 2));
        output.WriteLine(
            $"api: {options.Clients} clients, {options.Seconds} s per phase after {warmUp.TotalSeconds:0} s of warm-up, {Side}×{Side} generations, no workers, rate limits raised");

        var subjects = await Task.WhenAll(Enumerable.Range(0, options.Clients)
            .Select(i => BenchSubject.RegisterAsync(host.BaseAddress, i, CreditDecider.MaxPurchase, cancellationToken)));
        try
        {
            var floor = await PhaseAsync(subjects.Length, warmUp, duration, (c, ct) => LiveAsync(subjects[c], ct), cancellationToken);
            Report("GET  /health/live", floor, "the framework's floor");
            var post = await PhaseAsync(subjects.Length, warmUp, duration, (c, ct) => PostAsync(subjects[c], ct), cancellationToken);
            Report("POST /v1/generations", post, $"target: rate >= {TargetRatio:0%} of the floor's, p99 < {TargetP99.TotalMilliseconds:0} ms");
            var get = await PhaseAsync(subjects.Length, warmUp, duration, (c, ct) => GetAsync(subjects[c], ct), cancellationToken);
            Report("GET  /v1/generations/{id}", get, null);

            await BreakdownAsync(host, database, subjects, warmUp, cancellationToken);
            // Three decimals: the POST rate is a small fraction of the floor's, and two would print it as zero.
            var ratio = post.RatePerSecond / floor.RatePerSecond;
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"api: floor={Measurement.Format(floor.RatePerSecond)}/s post={Measurement.Format(post.RatePerSecond)}/s (ratio {ratio:0.000}) p99={post.P99:0.0} ms get={Measurement.Format(get.RatePerSecond)}/s p99={get.P99:0.0} ms target>={Measurement.Ratio(TargetRatio)} ratio={ratio:0.000}"));
            return ratio;
        }
        finally
        {
            foreach (var subject in subjects)
            {
                subject.Dispose();
            }
        }
    }

    /// <summary>
    /// One POST taken apart, one request at a time on an otherwise idle host: the HTTP floor, the same POST, the
    /// request's domain path called in-process (no HTTP, no authentication), and the pieces of that path on their own;
    /// then the domain path and a bare durable write with as many callers at once as there are clients.
    /// </summary>
    private async Task BreakdownAsync(BenchApiHost host, BenchDatabase database, BenchSubject[] subjects, TimeSpan each, CancellationToken cancellationToken)
    {
        var subject = subjects[0];
        var clients = subjects.Length;
        var services = host.Services;
        var requests = services.GetRequiredService<GenerationIntake>();
        var clock = services.GetRequiredService<IClock>();
        await database.ExecuteAsync("CREATE TABLE bench_commits (id uuid PRIMARY KEY)", cancellationToken);

        output.WriteLine($"  breakdown of one POST, one request at a time ({each.TotalSeconds:0} s each):");
        await PartAsync("GET  /health/live", each, ct => LiveAsync(subject, ct), null, cancellationToken);
        await PartAsync("GET  /v1/generations/{id}", each, ct => GetAsync(subject, ct), "authentication, the row, the prompt", cancellationToken);
        await PartAsync("POST /v1/generations", each, ct => PostAsync(subject, ct), null, cancellationToken);
        await PartAsync(
            "GenerationIntake, in-process", each, ct => RequestInProcessAsync(requests, clock, subject.SubjectId, ct), "no HTTP, no authentication; one read, one write", cancellationToken);
        await PartAsync("  one-row INSERT and COMMIT", each, ct => CommitAsync(database, ct), "what any durable write costs here", cancellationToken);

        output.WriteLine($"  the same with {clients} at once, in-process:");
        Report("  GenerationIntake", await Measurement.LatenciesAsync(
            clients, each, (c, ct) => RequestInProcessAsync(requests, clock, subjects[c].SubjectId, ct), cancellationToken), "the POST's domain path without HTTP");
        Report("  one-row INSERT and COMMIT", await Measurement.LatenciesAsync(
            clients, each, (_, ct) => CommitAsync(database, ct), cancellationToken), "the server's durable-write floor");
    }

    /// <summary>One part of the breakdown, one call at a time, with the SQL commands (round trips) each call sends.</summary>
    private async Task PartAsync(string what, TimeSpan duration, Func<CancellationToken, Task> step, string? note, CancellationToken cancellationToken)
    {
        using var count = new SqlCommandCount();
        var run = await Measurement.LatenciesAsync(1, duration, (_, ct) => step(ct), cancellationToken);
        var commands = (double)count.Commands / run.Requests;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"    {what,-32} {Measurement.Format(run.RatePerSecond),8} req/s   p50 {run.P50,6:0.00} ms   p99 {run.P99,6:0.00} ms   {commands,4:0.0} SQL commands{(note is null ? "" : "   (" + note + ")")}"));
    }

    private static async Task<LatencyRun> PhaseAsync(int clients, TimeSpan warmUp, TimeSpan duration, Func<int, CancellationToken, Task> request, CancellationToken cancellationToken)
    {
        await Measurement.LatenciesAsync(clients, warmUp, request, cancellationToken);
        return await Measurement.LatenciesAsync(clients, duration, request, cancellationToken);
    }

    private void Report(string what, LatencyRun run, string? note) => output.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"  {what,-34} {Measurement.Format(run.RatePerSecond),8} req/s   p50 {run.P50,6:0.00} ms   p99 {run.P99,6:0.00} ms   this process {run.ProcessorPerRequest,5:0.00} ms cpu/req{(note is null ? "" : "   (" + note + ")")}"));

    private static async Task LiveAsync(BenchSubject subject, CancellationToken cancellationToken) =>
        await BenchSubject.ReadAsync(await subject.Http.GetAsync(Live, cancellationToken), HttpStatusCode.OK, cancellationToken);

    private static async Task PostAsync(BenchSubject subject, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Generations)
        {
            Content = JsonContent.Create(new { prompt = $"a lighthouse at dusk, study {subject.Generations.Count}", width = Side, height = Side }),
        };
        request.Headers.Authorization = subject.Authorization;
        var queued = await BenchSubject.ReadAsync(await subject.Http.SendAsync(request, cancellationToken), HttpStatusCode.Accepted, cancellationToken);
        subject.Generations.Add(queued.GetProperty("generationId").GetGuid());
    }

    /// <summary>Reads the subject's own generations in turn; each client only ever touches its own list.</summary>
    private static async Task GetAsync(BenchSubject subject, CancellationToken cancellationToken)
    {
        var id = subject.NextToRead();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/v1/generations/{id}", UriKind.Relative));
        request.Headers.Authorization = subject.Authorization;
        await BenchSubject.ReadAsync(await subject.Http.SendAsync(request, cancellationToken), HttpStatusCode.OK, cancellationToken);
    }

    private static async Task RequestInProcessAsync(GenerationIntake requests, IClock clock, Guid subjectId, CancellationToken cancellationToken)
    {
        var (_, rejection) = await requests.RequestAsync(
            new RequestGeneration(subjectId, Guid.CreateVersion7(), "a lighthouse at dusk, in-process", Side, Side, null, null, clock.GetCurrentInstant()),
            Actors.Subject(subjectId),
            cancellationToken);
        if (rejection is not null)
        {
            throw new InvalidOperationException($"The in-process request was refused: {rejection.Code}");
        }
    }

    private static async Task CommitAsync(BenchDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.Owner.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand("INSERT INTO bench_commits (id) VALUES ($1)", connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
