using GemPix.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GemPix.Api.Tests;

/// <summary>The real API host, in memory, on a migrated database of its own on the real PostgreSQL.</summary>
public sealed class GemPixApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("GEMPIX_DB", Database.ConnectionString);
        builder.UseSetting("GEMPIX_DATA", Path.Combine(Path.GetTempPath(), "gempix-api-tests", Database.Name));
        builder.UseEnvironment("Production");
    }

    public Task InitializeAsync() => Database.InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Database.DisposeAsync();
    }
}
