using System.Net;
using System.Text;
using GemPix.Api.Hosting;
using GemPix.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace GemPix.Api.Tests.Hosting;

/// <summary>
/// What model binding rejects answers a problem with the right status, composed exactly as the API is
/// (<see cref="ApiHostExtensions"/>) with one JSON endpoint added to bind against.
/// </summary>
public sealed class BindingProblemTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private WebApplication? _app;

    private sealed record Probe(int Count, string Name);

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["GEMPIX_DB"] = _database.ConnectionString;
        builder.AddGemPixApi();
        _app = builder.Build();
        _app.MapGemPixApi();
        _app.MapPost("/probe", (Probe probe) => TypedResults.Ok(probe));
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    [Theory]
    [InlineData("{\"count\": 1, \"name\": ", "malformed")]
    [InlineData("{\"count\": \"one\", \"name\": \"x\"}", "wrong type")]
    [InlineData("", "empty")]
    public async Task A_body_that_does_not_bind_answers_a_problem_400(string body, string because)
    {
        using var client = _app!.GetTestClient();

        using var response = await client.PostAsync(new Uri("/probe", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, because);
        await ProblemDetailsTests.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, "https://gempix.dev/problems/bad-request");
    }

    [Fact]
    public async Task A_body_of_the_wrong_content_type_answers_a_problem_415()
    {
        using var client = _app!.GetTestClient();

        using var response = await client.PostAsync(new Uri("/probe", UriKind.Relative), new StringContent("count=1", Encoding.UTF8, "text/plain"));

        await ProblemDetailsTests.ShouldBeProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "https://gempix.dev/problems/unsupported-media-type");
    }

    [Fact]
    public async Task A_body_that_binds_is_answered_in_camel_case()
    {
        using var client = _app!.GetTestClient();

        using var response = await client.PostAsync(new Uri("/probe", UriKind.Relative), new StringContent("{\"count\": 2, \"name\": \"x\"}", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("{\"count\":2,\"name\":\"x\"}");
    }
}
