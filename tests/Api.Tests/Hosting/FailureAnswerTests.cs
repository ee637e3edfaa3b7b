using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static GemPix.Api.Tests.EndUsers.EndUserClient;

namespace GemPix.Api.Tests.Hosting;

/// <summary>A host whose log is captured, and whose read model of generations is gone: a fault of ours on one route.</summary>
public sealed class FaultyApiFactory : GemPixApiFactory
{
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(Logs)));
    }
}

/// <summary>A host whose database cannot be reached: nothing listens on its port.</summary>
public sealed class UnreachableDatabaseApiFactory : GemPixApiFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["GEMPIX_DB"] = "Host=127.0.0.1;Port=9;Username=gempix_app;Password=x;Database=gempix;Timeout=2",
        ["GEMPIX_RATE_PER_IP"] = "1000000",
        ["GEMPIX_RATE_PER_TOKEN"] = "1000000",
    };
}

public sealed class FailureAnswerTests(FaultyApiFactory factory) : IClassFixture<FaultyApiFactory>
{
    [Fact]
    public async Task A_fault_of_ours_is_a_500_whose_trace_id_is_in_the_log_and_the_log_holds_no_part_of_the_request()
    {
        var person = await RegisterAsync(factory);
        await factory.Database.ExecuteAsync("DROP TABLE gempix.generations CASCADE");

        using var response = await person.Http.GetAsync(new Uri("/v1/generations?limit=5", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().Should().Be("https://gempix.dev/problems/internal");
        var traceId = problem.GetProperty("traceId").GetString()!;
        var log = factory.Logs.Text;
        log.Should().Contain(traceId).And.Contain("PostgresException").And.Contain("/v1/generations");
        log.Should().NotContain(person.Email).And.NotContain(person.Password).And.NotContain("does not exist", "messages can quote the request; types and stacks cannot");
    }
}

public sealed class UnreachableDatabaseTests(UnreachableDatabaseApiFactory factory) : IClassFixture<UnreachableDatabaseApiFactory>
{
    [Fact]
    public async Task A_database_outage_is_a_503_with_retry_after_and_readiness_says_not_ready()
    {
        using var http = factory.CreateClient();

        using var registration = await http.PostAsJsonAsync("/v1/accounts", new { email = "outage@example.org", password = "correct horse battery", displayName = "O", country = "DE", birthDate = "1990-01-01" });
        using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));

        await ShouldBeProblemAsync(registration, HttpStatusCode.ServiceUnavailable, "unavailable");
        registration.Headers.RetryAfter.Should().NotBeNull();
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }
}
