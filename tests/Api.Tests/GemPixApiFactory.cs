using GemPix.Api.Tests.Conformance;
using GemPix.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace GemPix.Api.Tests;

/// <summary>
/// The real API host, in memory, on a migrated database of its own on the real PostgreSQL. Every answer it gives is
/// checked against the OpenAPI document it serves (<see cref="ConformToOpenApiAttribute"/>): an answer the document does
/// not describe fails the test that received it.
/// </summary>
public class GemPixApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Settings beyond the database and the data directory, for hosts that test them.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        // Every test request comes from one in-memory address; limits have tests of their own.
        ["GEMPIX_RATE_PER_IP"] = "1000000",
        ["GEMPIX_RATE_PER_TOKEN"] = "1000000",
    };

    public TestDatabase Database { get; } = new();

    public AnswerRecorder Answers { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("GEMPIX_DB", Database.ConnectionString);
        builder.UseSetting("GEMPIX_DATA", Path.Combine(Path.GetTempPath(), "gempix-api-tests", Database.Name));
        builder.UseEnvironment("Production");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(Answers));
        // The test's execution context flows into the server, so that each answer is checked for the test that asked.
        builder.UseTestServer(options => options.PreserveExecutionContext = true);
        foreach (var (name, value) in Settings)
        {
            builder.UseSetting(name, value);
        }
    }

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        using var http = CreateClient();
        Answers.Contract = await OpenApiContract.LoadAsync(http);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Database.DisposeAsync();
    }
}
