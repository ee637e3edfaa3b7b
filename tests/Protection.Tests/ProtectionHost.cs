using GemPix.EventStore;
using GemPix.EventStore.Serialization;
using GemPix.Projections.Hosting;
using GemPix.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GemPix.Protection.Tests;

/// <summary>The services as the hosts compose them, on a database and a data directory of their own.</summary>
public sealed class ProtectionHost : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "gempix-protection-" + Guid.NewGuid().ToString("N"));

    public ServiceProvider Services { get; private set; } = null!;

    public FakeClock Clock { get; } = FakeClock.At(2026, 11, 22, 9, 0);

    public PostgresEventStore Store => Services.GetRequiredService<PostgresEventStore>();

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GEMPIX_DB"] = Database.ConnectionString,
            ["GEMPIX_DATA"] = DataDirectory,
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddGemPixCore();
        services.AddSingleton<NodaTime.IClock>(Clock);
        Services = services.BuildServiceProvider();
        Services.GetRequiredService<EventTypeRegistry>()
            .Register<ProfileRecorded>("test.profile-recorded")
            .Register<PromptWritten>("test.prompt-written")
            .Register<PaymentRecorded>("test.payment-recorded");
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    public Task AppendAsync(Guid subject, params object[] events) =>
        Store.AppendAsync(new StreamAppend(Guid.NewGuid(), "test", subject, ExpectedVersion.NoStream, [.. events.Select(e => PendingEvent.Create(e))]));
}
