using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace GemPix.Benchmarks;

/// <summary>
/// A person registered and signed in through the API for a benchmark, with credits bought, and the HTTP client they
/// send their requests on (a connection of their own, as a separate program would have).
/// </summary>
internal sealed class BenchSubject : IDisposable
{
    private int _reads;

    private BenchSubject(HttpClient http, Guid subjectId, string token)
    {
        Http = http;
        SubjectId = subjectId;
        Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public HttpClient Http { get; }

    public Guid SubjectId { get; }

    /// <summary>Sent per request, not as a default header, so that the floor's requests go without it.</summary>
    public AuthenticationHeaderValue Authorization { get; }

    /// <summary>The generations this subject's requests created, for the reads that follow.</summary>
    public List<Guid> Generations { get; } = [];

    /// <summary>The next of <see cref="Generations"/> to read, round and round; one client's loop calls it, one call at a time.</summary>
    public Guid NextToRead() => Generations[_reads++ % Generations.Count];

    public static async Task<BenchSubject> RegisterAsync(Uri baseAddress, int index, int credits, CancellationToken cancellationToken)
    {
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { BaseAddress = baseAddress };
        try
        {
            var email = $"bench-{index}-{Guid.NewGuid():N}@example.org";
            const string password = "bench password that is long enough";
            var registered = await ReadAsync(
                await http.PostAsJsonAsync("/v1/accounts", new { email, password, displayName = $"Bench {index}", country = "DE", birthDate = "1990-01-01" }, cancellationToken),
                HttpStatusCode.Created,
                cancellationToken);
            var session = await ReadAsync(await http.PostAsJsonAsync("/v1/sessions", new { email, password }, cancellationToken), HttpStatusCode.OK, cancellationToken);
            var subject = new BenchSubject(http, registered.GetProperty("subjectId").GetGuid(), session.GetProperty("token").GetString()!);
            using var purchase = new HttpRequestMessage(HttpMethod.Post, "/v1/credits/purchases")
            {
                Content = JsonContent.Create(new { credits, paymentReference = $"pi_bench{index}" }),
            };
            purchase.Headers.Authorization = subject.Authorization;
            await ReadAsync(await http.SendAsync(purchase, cancellationToken), HttpStatusCode.Created, cancellationToken);
            return subject;
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>The answer's JSON when its status is the expected one; otherwise the problem, which never holds personal data.</summary>
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != expected)
            {
                throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}: {body}");
            }

            if (body.Length == 0)
            {
                return default;
            }

            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
    }

    public void Dispose() => Http.Dispose();
}
