using System.Net;
using System.Net.Http.Headers;

namespace GemPix.Cli.Tests.Hosting;

/// <summary>What the real server (Kestrel, as <c>./gempix up</c> runs it) sends with every answer.</summary>
public sealed class KestrelHeadersTests(PrebuiltCheckout checkout) : IClassFixture<PrebuiltCheckout>
{
    [Fact]
    public async Task The_server_does_not_name_itself_and_answers_with_credentials_are_not_cached()
    {
        await using var up = await UpProcess.StartAsync(checkout);
        using var http = new HttpClient { BaseAddress = up.Url };

        using var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        using var refused = await http.SendAsync(request);

        live.StatusCode.Should().Be(HttpStatusCode.OK);
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        foreach (var response in new[] { live, refused })
        {
            response.Headers.Contains("Server").Should().BeFalse();
            response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        }

        refused.Headers.CacheControl?.NoStore.Should().BeTrue();
    }
}
