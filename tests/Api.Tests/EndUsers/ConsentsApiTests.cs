using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static GemPix.Api.Tests.EndUsers.EndUserClient;

namespace GemPix.Api.Tests.EndUsers;

public sealed class ConsentsApiTests(GemPixApiFactory factory) : IClassFixture<GemPixApiFactory>
{
    private static JsonElement Purpose(JsonElement consents, string purpose) =>
        consents.EnumerateArray().Single(c => c.GetProperty("purpose").GetString() == purpose);

    [Fact]
    public async Task Nothing_is_granted_until_the_person_opts_in()
    {
        var person = await RegisterAsync(factory);

        var consents = await person.GetJsonAsync("/v1/me/consents");

        consents.EnumerateArray().Select(c => c.GetProperty("purpose").GetString()).Should().Equal("analytics", "marketing", "model-training");
        consents.EnumerateArray().Should().OnlyContain(c => !c.GetProperty("granted").GetBoolean() && !c.GetProperty("needsRenewal").GetBoolean());
    }

    [Fact]
    public async Task Opting_in_and_withdrawing_are_recorded_with_version_source_and_time()
    {
        var person = await RegisterAsync(factory);

        using var given = await person.Http.PutAsJsonAsync("/v1/me/consents/model-training", new { granted = true, policyVersion = 1 });
        given.StatusCode.Should().Be(HttpStatusCode.OK);
        var training = Purpose(await person.GetJsonAsync("/v1/me/consents"), "model-training");
        training.GetProperty("granted").GetBoolean().Should().BeTrue();
        training.GetProperty("policyVersion").GetInt32().Should().Be(1);
        training.GetProperty("source").GetString().Should().Be("user");
        training.GetProperty("at").GetString().Should().EndWith("Z");

        using var withdrawn = await person.Http.PutAsJsonAsync("/v1/me/consents/model-training", new { granted = false, policyVersion = 1 });
        withdrawn.StatusCode.Should().Be(HttpStatusCode.OK);
        Purpose(await person.GetJsonAsync("/v1/me/consents"), "model-training").GetProperty("granted").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task A_gpc_signal_outranks_the_opt_in_sent_with_it()
    {
        var person = await RegisterAsync(factory);
        using var request = new HttpRequestMessage(HttpMethod.Put, "/v1/me/consents/marketing") { Content = JsonContent.Create(new { granted = true, policyVersion = 1 }) };
        request.Headers.Add("Sec-GPC", "1");

        using var response = await person.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var marketing = Purpose(await response.Content.ReadFromJsonAsync<JsonElement>(), "marketing");
        marketing.GetProperty("granted").GetBoolean().Should().BeFalse();
        marketing.GetProperty("source").GetString().Should().Be("gpc");
    }

    [Fact]
    public async Task A_gpc_signal_on_any_request_withdraws_an_earlier_opt_in_to_analytics_and_marketing_only()
    {
        var person = await RegisterAsync(factory);
        foreach (var purpose in new[] { "analytics", "marketing", "model-training" })
        {
            (await person.Http.PutAsJsonAsync($"/v1/me/consents/{purpose}", new { granted = true, policyVersion = 1 })).EnsureSuccessStatusCode();
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/me");
        request.Headers.Add("Sec-GPC", "1");
        (await person.Http.SendAsync(request)).EnsureSuccessStatusCode();

        var consents = await person.GetJsonAsync("/v1/me/consents");
        Purpose(consents, "analytics").GetProperty("source").GetString().Should().Be("gpc");
        Purpose(consents, "analytics").GetProperty("granted").GetBoolean().Should().BeFalse();
        Purpose(consents, "marketing").GetProperty("granted").GetBoolean().Should().BeFalse();
        Purpose(consents, "model-training").GetProperty("granted").GetBoolean().Should().BeTrue();
    }

    [Theory]
    [InlineData("/v1/me/consents/newsletter", "{\"granted\":true,\"policyVersion\":1}", HttpStatusCode.NotFound, "unknown-purpose")]
    [InlineData("/v1/me/consents/analytics", "{\"granted\":true,\"policyVersion\":7}", HttpStatusCode.UnprocessableEntity, "unknown-notice-version")]
    [InlineData("/v1/me/consents/analytics", "{\"granted\":\"yes\",\"policyVersion\":1}", HttpStatusCode.BadRequest, "bad-request")]
    [InlineData("/v1/me/consents/analytics", "{}", HttpStatusCode.UnprocessableEntity, "validation")]
    public async Task Bad_choices_get_a_problem_and_change_nothing(string path, string body, HttpStatusCode status, string code)
    {
        var person = await RegisterAsync(factory);

        using var response = await person.Http.PutAsync(new Uri(path, UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await ShouldBeProblemAsync(response, status, code);
        var consents = await person.GetJsonAsync("/v1/me/consents");
        consents.EnumerateArray().Where(c => c.TryGetProperty("at", out var _)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_gpc_signal_at_registration_is_recorded_from_the_first_request_on()
    {
        using var http = factory.CreateClient();
        var email = $"gpc-{Guid.NewGuid():N}@example.org";
        using var register = new HttpRequestMessage(HttpMethod.Post, "/v1/accounts")
        {
            Content = JsonContent.Create(new { email, password = "long enough pw", displayName = "G", country = "FR", birthDate = "1990-01-01" }),
        };
        register.Headers.Add("Sec-GPC", "1");
        (await http.SendAsync(register)).EnsureSuccessStatusCode();
        using var session = await http.PostAsJsonAsync("/v1/sessions", new { email, password = "long enough pw" });
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer", (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());

        var consents = await http.GetFromJsonAsync<JsonElement>("/v1/me/consents");

        Purpose(consents, "analytics").GetProperty("source").GetString().Should().Be("gpc");
        Purpose(consents, "marketing").GetProperty("source").GetString().Should().Be("gpc");
    }
}
