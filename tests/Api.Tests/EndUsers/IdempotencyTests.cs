using System.Net;
using System.Net.Http.Json;
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
}
