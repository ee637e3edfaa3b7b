using System.Net;
using System.Text.Json;

namespace GemPix.Api.Tests.Hosting;

public sealed class HealthTests
{
    [Fact]
    public async Task Ready_answers_200_when_the_database_is_reachable_and_current()
    {
        await using var factory = await StartAsync();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("status").GetString().Should().Be("healthy");
    }

    [Fact]
    public async Task Live_answers_200_without_asking_the_database()
    {
        await using var factory = await StartAsync();
        using var client = factory.CreateClient();
        await factory.Database.DropAsync();

        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Ready_answers_503_once_the_database_is_gone()
    {
        await using var factory = await StartAsync();
        using var client = factory.CreateClient();
        (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);

        await factory.Database.DropAsync();
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var text = await response.Content.ReadAsStringAsync();
        text.Should().Contain("unreachable").And.NotContain("Password");
    }

    [Fact]
    public async Task Ready_answers_503_while_the_schema_is_behind_the_code()
    {
        await using var factory = await StartAsync();
        using var client = factory.CreateClient();
        await using (var command = factory.Database.DataSource.CreateCommand(
            "DELETE FROM gempix.schema_migrations WHERE version = (SELECT max(version) FROM gempix.schema_migrations)"))
        {
            await command.ExecuteNonQueryAsync();
        }

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync()).Should().Contain("gempix migrate");
    }

    private static async Task<GemPixApiFactory> StartAsync()
    {
        var factory = new GemPixApiFactory();
        await ((IAsyncLifetime)factory).InitializeAsync();
        return factory;
    }
}
