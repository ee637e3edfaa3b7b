using GemPix.Api.Tests.Audit;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using static GemPix.Api.Tests.EndUsers.EndUserClient;

namespace GemPix.Api.Tests.EndUsers;

public sealed class IdempotencyTests(GemPixApiFactory factory) : IClassFixture<GemPixApiFactory>
{
    private static HttpRequestMessage Purchase(string key, int credits = 10)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/credits/purchases") { Content = JsonContent.Create(new { credits, paymentReference = "pi_idem" }) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task A_retry_with_the_same_key_gets_the_first_answer_and_buys_nothing_twice()
    {
        var person = await RegisterAsync(factory);
        var key = Guid.NewGuid().ToString();

        using var first = await person.Http.SendAsync(Purchase(key));
        using var retry = await person.Http.SendAsync(Purchase(key));

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        (await retry.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        retry.Headers.Location.Should().Be(first.Headers.Location);
        retry.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await person.GetJsonAsync("/v1/credits")).GetProperty("balance").GetInt32().Should().Be(10);
    }

    [Fact]
    public async Task Concurrent_retries_run_the_request_once()
    {
        var person = await RegisterAsync(factory);
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => person.Http.SendAsync(Purchase(key))));

        answers.Select(a => a.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.Created || s == HttpStatusCode.Conflict);
        (await person.GetJsonAsync("/v1/credits")).GetProperty("balance").GetInt32().Should().Be(10);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused()
    {
        var person = await RegisterAsync(factory);
        var key = Guid.NewGuid().ToString();
        (await person.Http.SendAsync(Purchase(key, 10))).EnsureSuccessStatusCode();

        using var other = await person.Http.SendAsync(Purchase(key, 99));

        await ShouldBeProblemAsync(other, HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        (await person.GetJsonAsync("/v1/credits")).GetProperty("balance").GetInt32().Should().Be(10);
    }

    [Fact]
    public async Task Keys_of_different_callers_never_meet()
    {
        var first = await RegisterAsync(factory);
        var second = await RegisterAsync(factory);
        const string key = "shared-key";

        (await first.Http.SendAsync(Purchase(key))).StatusCode.Should().Be(HttpStatusCode.Created);
        using var theirs = await second.Http.SendAsync(Purchase(key));

        theirs.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
        (await second.GetJsonAsync("/v1/credits")).GetProperty("balance").GetInt32().Should().Be(10);
    }

    [Fact]
    public async Task A_refusal_is_replayed_as_well()
    {
        var person = await RegisterAsync(factory);
        var key = Guid.NewGuid().ToString();

        using var first = await person.Http.SendAsync(Purchase(key, 0));
        using var retry = await person.Http.SendAsync(Purchase(key, 0));

        await ShouldBeProblemAsync(retry, HttpStatusCode.UnprocessableEntity, "invalid-credit-amount");
        retry.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("ümlaut")]
    public async Task A_malformed_key_is_a_bad_request(string key)
    {
        var person = await RegisterAsync(factory);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/credits/purchases") { Content = JsonContent.Create(new { credits = 5, paymentReference = "r" }) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        using var response = await person.Http.SendAsync(request);

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, "invalid-idempotency-key");
        (await person.GetJsonAsync("/v1/credits")).GetProperty("balance").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Registration_is_idempotent_too()
    {
        using var http = factory.CreateClient();
        var body = new { email = $"idem-{Guid.NewGuid():N}@example.org", password = "long enough pw", displayName = "A", country = "DE", birthDate = "1990-01-01" };
        HttpRequestMessage Register()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/accounts") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", "register-once");
            return request;
        }

        using var first = await http.SendAsync(Register());
        using var retry = await http.SendAsync(Register());

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("subjectId").GetGuid()
            .Should().Be((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("subjectId").GetGuid());
    }

    [Fact]
    public async Task A_retry_from_another_session_of_the_same_person_gets_the_first_answer()
    {
        var person = await RegisterAsync(factory);
        var key = Guid.NewGuid().ToString();
        using var first = await person.Http.SendAsync(Purchase(key));
        using var otherSession = await SignInAsync(person);

        using var retry = await otherSession.SendAsync(Purchase(key));

        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await retry.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        (await person.GetJsonAsync("/v1/credits")).GetProperty("balance").GetInt32().Should().Be(10);
    }

    [Fact]
    public async Task A_retry_after_a_crash_between_the_purchase_s_commit_and_its_kept_answer_buys_once()
    {
        var person = await RegisterAsync(factory);
        var key = Guid.NewGuid().ToString();
        using var first = await person.Http.SendAsync(Purchase(key));
        await ForgetAnswerAsync(key);

        using var retry = await person.Http.SendAsync(Purchase(key));

        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("purchaseId").GetGuid()
            .Should().Be((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("purchaseId").GetGuid());
        (await person.GetJsonAsync("/v1/credits")).GetProperty("balance").GetInt32().Should().Be(10);
    }

    [Fact]
    public async Task A_retry_after_a_crash_between_a_generation_s_commit_and_its_kept_answer_reserves_once()
    {
        var person = await RegisterAsync(factory);
        (await person.Http.SendAsync(Purchase(Guid.NewGuid().ToString(), 100))).EnsureSuccessStatusCode();
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Generate()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/generations") { Content = JsonContent.Create(new { prompt = "a lighthouse", width = 64, height = 64 }) };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        using var first = await person.Http.SendAsync(Generate());
        first.StatusCode.Should().Be(HttpStatusCode.Accepted);
        await ForgetAnswerAsync(key);

        using var retry = await person.Http.SendAsync(Generate());

        retry.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var generationId = (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("generationId").GetGuid();
        generationId.Should().Be((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("generationId").GetGuid());
        var credits = await person.GetJsonAsync("/v1/credits");
        (credits.GetProperty("balance").GetInt32() + credits.GetProperty("reserved").GetInt32()).Should().Be(100);
        (await person.GetJsonAsync("/v1/generations")).GetProperty("items").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task A_claim_left_by_a_process_that_died_before_its_commit_is_taken_over_within_seconds_and_runs_once()
    {
        var person = await RegisterAsync(factory);
        var key = Guid.NewGuid().ToString();
        const string body = """{"credits":10,"paymentReference":"pi_idem"}""";
        // What a process killed before its commit leaves: a claim without an answer, and no purchase.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("POST /v1/credits/purchases\napplication/json; charset=utf-8\n" + body));
        await using (var claim = factory.Database.DataSource.CreateCommand(
            "INSERT INTO gempix.idempotency_keys (scope, key, request_hash, created_at, subject_id) VALUES ($1, $2, $3, now() - interval '31 seconds', $4)"))
        {
            claim.Parameters.AddWithValue(SHA256.HashData(Encoding.UTF8.GetBytes($"subject:{person.SubjectId}")));
            claim.Parameters.AddWithValue(key);
            claim.Parameters.AddWithValue(hash);
            claim.Parameters.AddWithValue(person.SubjectId);
            await claim.ExecuteNonQueryAsync();
        }

        HttpRequestMessage Retry()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/credits/purchases") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        using var retry = await person.Http.SendAsync(Retry());
        using var again = await person.Http.SendAsync(Retry());

        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        again.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await person.GetJsonAsync("/v1/credits")).GetProperty("balance").GetInt32().Should().Be(10);
    }

    [Fact]
    public async Task A_sign_in_answer_is_never_kept_since_it_holds_a_live_token()
    {
        var person = await RegisterAsync(factory);
        var key = Guid.NewGuid().ToString();
        using var anonymous = factory.CreateClient();
        HttpRequestMessage SignIn()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/sessions") { Content = JsonContent.Create(new { email = person.Email, password = person.Password }) };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        using var first = await anonymous.SendAsync(SignIn());
        using var retry = await anonymous.SendAsync(SignIn());

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        retry.StatusCode.Should().Be(HttpStatusCode.OK);
        retry.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
        var token = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        await using var command = factory.Database.DataSource.CreateCommand(
            "SELECT count(*) FROM gempix.idempotency_keys WHERE key = $1 OR position(convert_to($2, 'UTF8') IN coalesce(body, ''::bytea)) > 0");
        command.Parameters.AddWithValue(key);
        command.Parameters.AddWithValue(token);
        ((long)(await command.ExecuteScalarAsync())!).Should().Be(0);
    }

    /// <summary>What a process killed between the effect's commit and keeping its answer leaves behind.</summary>
    private Task ForgetAnswerAsync(string key) => factory.Database.ExecuteAsync(
        $"UPDATE gempix.idempotency_keys SET status_code = NULL, content_type = NULL, body = NULL, headers = NULL, created_at = now() - interval '1 minute' WHERE key = '{key}'");

    private async Task<HttpClient> SignInAsync(EndUserClient person)
    {
        using var anonymous = factory.CreateClient();
        using var signIn = await anonymous.PostAsJsonAsync("/v1/sessions", new { email = person.Email, password = person.Password });
        signIn.EnsureSuccessStatusCode();
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        return http;
    }

    [Fact]
    public async Task Only_the_run_that_holds_the_claim_keeps_its_answer_or_gives_the_key_back()
    {
        var store = factory.Services.GetRequiredService<GemPix.Api.Idempotency.IdempotencyStore>();
        var scope = SHA256.HashData(Encoding.UTF8.GetBytes("subject:" + Guid.NewGuid()));
        var key = Guid.NewGuid().ToString();
        byte[] hash = [1, 2, 3];
        var first = (GemPix.Api.Idempotency.IdempotencyClaim.Claimed)await store.ClaimAsync(scope, null, key, hash, default);
        await factory.Database.ExecuteAsync($"UPDATE gempix.idempotency_keys SET created_at = created_at - interval '31 seconds' WHERE key = '{key}'");
        var stale = first with { ClaimedAt = first.ClaimedAt - NodaTime.Duration.FromSeconds(31) };
        var takeover = (GemPix.Api.Idempotency.IdempotencyClaim.Claimed)await store.ClaimAsync(scope, null, key, hash, default);

        await store.ReleaseAsync(scope, key, stale, default);
        await store.CompleteAsync(scope, key, stale, 201, "application/json", "first"u8.ToArray(), new Dictionary<string, string>(), default);
        (await store.ClaimAsync(scope, null, key, hash, default)).Should().BeOfType<GemPix.Api.Idempotency.IdempotencyClaim.InFlight>("the run taken over neither freed the key nor answered");
        await store.CompleteAsync(scope, key, takeover, 201, "application/json", "second"u8.ToArray(), new Dictionary<string, string>(), default);

        var answered = (await store.ClaimAsync(scope, null, key, hash, default)).Should().BeOfType<GemPix.Api.Idempotency.IdempotencyClaim.Answered>().Subject;
        Encoding.UTF8.GetString(answered.Body).Should().Be("second");
    }

    public static TheoryData<string> CreatingRoutes => ["upload", "privacy-request", "regulator-request", "registration"];

    [Theory]
    [MemberData(nameof(CreatingRoutes))]
    public async Task Every_route_that_creates_something_creates_it_once_when_retried_after_a_crash_between_its_commit_and_its_kept_answer(string route)
    {
        var person = await RegisterAsync(factory);
        using var regulator = await factory.ClientWithKeyAsync(GemPix.Api.Authentication.ApiKeyRoles.Regulator);
        var key = Guid.NewGuid().ToString();
        var email = $"retry-{Guid.NewGuid():N}@example.org";
        var png = TestImages.Png(64, 64);
        (HttpClient Http, Func<HttpRequestMessage> Request, string Id, string Count) Case() => route switch
        {
            "upload" => (person.Http, () => Keyed(HttpMethod.Post, "/v1/uploads?keep=true", Multipart(png)), "uploadId",
                $"SELECT count(*) FROM gempix.uploads WHERE subject_id = '{person.SubjectId}'"),
            "privacy-request" => (person.Http, () => Keyed(HttpMethod.Post, "/v1/privacy-requests", JsonContent.Create(new { type = "restriction" })), "requestId",
                $"SELECT count(*) FROM gempix.privacy_requests WHERE subject_id = '{person.SubjectId}'"),
            "regulator-request" => (regulator, () => Keyed(HttpMethod.Post, "/v1/regulator/requests", JsonContent.Create(new { subjectId = person.SubjectId, reference = "R-1", legalBasis = "GDPR Art. 58" })), "requestId",
                $"SELECT count(*) FROM gempix.regulator_requests WHERE subject_id = '{person.SubjectId}'"),
            _ => (factory.CreateClient(), () => Keyed(HttpMethod.Post, "/v1/accounts", JsonContent.Create(new { email, password = "a long and unusual passphrase", displayName = "R", country = "DE", birthDate = "1990-01-01" })), "subjectId",
                "SELECT count(*) FROM gempix.account_emails"),
        };
        var (http, request, id, count) = Case();
        using var first = await http.SendAsync(request());
        first.IsSuccessStatusCode.Should().BeTrue(await first.Content.ReadAsStringAsync());
        var created = await CountAsync(count);
        await ForgetAnswerAsync(key);

        using var retry = await http.SendAsync(request());

        retry.StatusCode.Should().Be(first.StatusCode, await retry.Content.ReadAsStringAsync());
        (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty(id).GetGuid().Should().Be((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty(id).GetGuid());
        (await CountAsync(count)).Should().Be(created, "the retry created nothing a second time");

        HttpRequestMessage Keyed(HttpMethod method, string path, HttpContent content)
        {
            var message = new HttpRequestMessage(method, path) { Content = content };
            message.Headers.Add("Idempotency-Key", key);
            return message;
        }
    }

    /// <summary>A multipart body with a fixed boundary, so that a retry sends the same bytes.</summary>
    private static MultipartFormDataContent Multipart(byte[] png)
    {
        var file = new ByteArrayContent(png);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        return new MultipartFormDataContent("gempix-retry-boundary") { { file, "file", "picture.png" } };
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var command = factory.Database.DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
