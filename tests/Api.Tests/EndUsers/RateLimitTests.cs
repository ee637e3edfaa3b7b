using System.Net;
using static GemPix.Api.Tests.EndUsers.EndUserClient;

namespace GemPix.Api.Tests.EndUsers;

public sealed class RateLimitedApiFactory : GemPixApiFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["GEMPIX_RATE_PER_IP"] = "120",
        ["GEMPIX_RATE_PER_TOKEN"] = "60",
    };
}

public sealed class RateLimitTests(RateLimitedApiFactory factory) : IClassFixture<RateLimitedApiFactory>
{
    [Fact]
    public async Task A_token_that_floods_gets_429_problems_with_retry_after_and_health_checks_stay_open()
    {
        var person = await RegisterAsync(factory);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 80; i++)
        {
            answers.Add(await person.Http.GetAsync(new Uri("/v1/credits", UriKind.Relative)));
        }

        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        refused.Should().NotBeEmpty();
        refused[0].Headers.RetryAfter!.Delta.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
        await ShouldBeProblemAsync(refused[0], HttpStatusCode.TooManyRequests, "rate-limited");
        (await person.Http.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public void Addresses_are_partitioned_by_network_never_by_the_full_address()
    {
        Api.RateLimiting.RateLimitingServiceCollectionExtensions.Truncated(IPAddress.Parse("203.0.113.77")).Should().Be("203.0.113.0");
        Api.RateLimiting.RateLimitingServiceCollectionExtensions.Truncated(IPAddress.Parse("2001:db8:abcd:12::1")).Should().Be("2001:db8:abcd::");
        Api.RateLimiting.RateLimitingServiceCollectionExtensions.Truncated(IPAddress.Parse("::ffff:198.51.100.9")).Should().Be("198.51.100.0");
    }
}
