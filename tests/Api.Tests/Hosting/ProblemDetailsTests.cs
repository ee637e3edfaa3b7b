using System.Net;
using System.Text;
using System.Text.Json;

namespace GemPix.Api.Tests.Hosting;

public sealed class ProblemDetailsTests(GemPixApiFactory factory) : IClassFixture<GemPixApiFactory>
{
    [Fact]
    public async Task An_unknown_route_answers_a_problem_404()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/v1/no-such-thing", UriKind.Relative));

        await ShouldBeProblemAsync(response, HttpStatusCode.NotFound, "https://gempix.dev/problems/not-found");
    }

    [Fact]
    public async Task A_wrong_method_answers_a_problem_405()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync(new Uri("/health/live", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"));

        await ShouldBeProblemAsync(response, HttpStatusCode.MethodNotAllowed, "https://gempix.dev/problems/method-not-allowed");
    }

    [Fact]
    public async Task The_openapi_document_is_served()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        document.RootElement.GetProperty("openapi").GetString().Should().StartWith("3.");
    }

    internal static async Task ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("type").GetString().Should().Be(type);
        problem.RootElement.GetProperty("status").GetInt32().Should().Be((int)status);
    }
}
