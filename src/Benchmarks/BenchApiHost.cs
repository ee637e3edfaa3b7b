using GemPix.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GemPix.Benchmarks;

/// <summary>
/// The API host as <c>./gempix api</c> composes it, on Kestrel on a loopback port the system picks, on a benchmark
/// database and a throwaway data directory, without logging and without workers.
/// </summary>
public sealed class BenchApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDirectory;
    private bool _started;

    private BenchApiHost(WebApplication app, string dataDirectory)
    {
        _app = app;
        _dataDirectory = dataDirectory;
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>Where the host listens, once started.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <param name="settings">Configuration beyond the database, the address and the data directory.</param>
    public static BenchApiHost Create(BenchDatabase database, IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var dataDirectory = Path.Combine(Path.GetTempPath(), "gempix-bench-" + Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GEMPIX_DB"] = database.ConnectionString,
            // Port 0: the system picks a free one at bind time, so there is no race for it.
            ["GEMPIX_URL"] = "http://127.0.0.1:0",
            ["GEMPIX_DATA"] = dataDirectory,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.ClearProviders();
        builder.AddGemPixApi();
        var app = builder.Build();
        app.MapGemPixApi();
        return new BenchApiHost(app, dataDirectory);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _app.StartAsync(cancellationToken);
        _started = true;
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address);
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await _app.StopAsync(CancellationToken.None);
        }

        await _app.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
