using GemPix.Cli.Seeding;
using GemPix.Projections.Hosting;
using GemPix.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace GemPix.Cli.Tests;

public sealed class SeedRunTests : IAsyncLifetime
{
    private const int Seed = 20261122;

    private readonly TestDatabase _database = new();
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "gempix-seed-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GEMPIX_DB"] = _database.ConnectionString,
            ["GEMPIX_DATA"] = _dataDirectory,
        }).Build();
        _services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddGemPixCore().BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var command = _database.DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Seeding_three_subjects_registers_three_accounts_with_their_consents_purchases_uploads_and_queued_generations()
    {
        var tally = await SeedRun.From(_services).RunAsync(3, Seed, 4, null, CancellationToken.None);

        var today = _services.GetRequiredService<IClock>().GetCurrentInstant().InUtc().Date;
        var planned = Enumerable.Range(0, 3).Select(i => SyntheticSubjects.Create(Seed, i, today)).ToList();
        tally.RefusalCount.Should().Be(0);
        tally[SeedTally.Accounts].Should().Be(3);
        (await CountAsync("SELECT count(*) FROM gempix.account_emails")).Should().Be(3);
        (await CountAsync("SELECT count(*) FROM gempix.credentials")).Should().Be(3);
        (await CountAsync("SELECT count(*) FROM gempix.events WHERE type = 'account-registered'")).Should().Be(3);
        (await CountAsync("SELECT count(DISTINCT subject_id) FROM gempix.events WHERE type = 'consent-given' OR type = 'consent-withdrawn'"))
            .Should().Be(planned.Count(s => s.Consents.Count > 0 || s.SendsGlobalPrivacyControl));
        (await CountAsync("SELECT count(*) FROM gempix.events WHERE type = 'consent-given'")).Should().Be(tally[SeedTally.ConsentsGiven]);
        (await CountAsync("SELECT count(*) FROM gempix.privacy_requests")).Should().Be(tally[SeedTally.PrivacyRequests]);
        (await CountAsync("SELECT count(*) FROM gempix.events WHERE type = 'credits-purchased'")).Should().Be(planned.Sum(s => s.Purchases.Count));
        (await CountAsync("SELECT count(*) FROM gempix.uploads")).Should().Be(planned.Sum(s => s.Uploads.Count));
        var generations = planned.Sum(s => s.Generations.Count);
        (await CountAsync("SELECT count(*) FROM gempix.events WHERE type = 'generation-requested'")).Should().Be(generations);
        (await CountAsync("SELECT count(*) FROM gempix.generations WHERE status = 'queued'")).Should().Be(generations);
        (await CountAsync("SELECT count(*) FROM gempix.jobs WHERE queue = 'generations' AND status = 'queued'")).Should().Be(generations);
        (await CountAsync("SELECT count(*) FROM gempix.events WHERE subject_id IS NOT NULL AND subject_id NOT IN (SELECT subject_id FROM gempix.account_emails)"))
            .Should().Be(0, "every event belongs to one of the seeded people");
        (await CountAsync("SELECT count(*) FROM gempix.events WHERE type <> 'key-created' AND metadata->>'actorKind' <> 'subject'"))
            .Should().Be(0, "the people act for themselves");
    }

    [Fact]
    public async Task Seeding_the_same_seed_again_meets_the_same_people_and_refuses_their_accounts()
    {
        await SeedRun.From(_services).RunAsync(2, Seed + 1, 2, null, CancellationToken.None);

        var again = await SeedRun.From(_services).RunAsync(2, Seed + 1, 2, null, CancellationToken.None);

        again[SeedTally.Accounts].Should().Be(0);
        again.RefusalCount.Should().Be(2);
        again.Rows().Should().Contain(("refused: account-exists", 2));
    }
}
