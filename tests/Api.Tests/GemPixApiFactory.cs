using GemPix.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GemPix.Api.Tests;

/// <summary>The real API host, in memory, on a migrated database of its own on the real PostgreSQL.</summary>
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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("GEMPIX_DB", Database.ConnectionString);
        builder.UseSetting("GEMPIX_DATA", Path.Combine(Path.GetTempPath(), "gempix-api-tests", Database.Name));
        builder.UseEnvironment("Production");
        foreach (var (name, value) in Settings)
        {
            builder.UseSetting(name, value);
        }
    }

    public Task InitializeAsync() => Database.InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Database.DisposeAsync();
    }
}
