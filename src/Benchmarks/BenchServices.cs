using GemPix.EventStore.Serialization;
using GemPix.Projections.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GemPix.Benchmarks;

/// <summary>The services composed as the hosts compose them, on a benchmark database and a throwaway data directory.</summary>
public sealed class BenchServices : IAsyncDisposable
{
    private BenchServices(ServiceProvider provider, string dataDirectory)
    {
        Provider = provider;
        DataDirectory = dataDirectory;
    }

    public ServiceProvider Provider { get; }

    public string DataDirectory { get; }

    public T Get<T>()
        where T : notnull => Provider.GetRequiredService<T>();

    public static BenchServices Create(BenchDatabase database)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "gempix-bench-" + Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GEMPIX_DB"] = database.ConnectionString,
            ["GEMPIX_DATA"] = dataDirectory,
        }).Build();
        var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddGemPixCore().BuildServiceProvider();
        provider.GetRequiredService<EventTypeRegistry>()
            .Register<BenchPayload>(BenchPayload.StoredName)
            .Register<BenchPersonalPayload>(BenchPersonalPayload.StoredName);
        return new BenchServices(provider, dataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
