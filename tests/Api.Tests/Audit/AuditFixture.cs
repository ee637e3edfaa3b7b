using System.Net.Http.Headers;
using GemPix.Api.Authentication;
using GemPix.Domain.Protection;
using GemPix.EventStore;
using GemPix.EventStore.Ledger;
using GemPix.EventStore.Serialization;
using GemPix.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GemPix.Api.Tests.Audit;

/// <summary>An event with a personal value, as the domain's will have.</summary>
public sealed record NoteTaken(Personal<string> Text, int Number);

/// <summary>The API host with a test event type registered, API keys at hand, and a way to seal what was written.</summary>
public static class AuditFixture
{
    public const string SecretText = "Zoë's secret note";

    public static void RegisterTestEvents(this GemPixApiFactory factory)
    {
        var registry = factory.Services.GetRequiredService<EventTypeRegistry>();
        if (!registry.IsRegistered("test.note-taken"))
        {
            registry.Register<NoteTaken>("test.note-taken");
        }
    }

    public static async Task<HttpClient> ClientWithKeyAsync(this GemPixApiFactory factory, string role)
    {
        var issued = await factory.Services.GetRequiredService<ApiKeyStore>().IssueAsync(role, $"test {role}", default);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Secret);
        return client;
    }

    /// <summary>Appends <paramref name="count"/> notes to a new stream of <paramref name="subject"/>, their text encrypted.</summary>
    public static async Task AppendNotesAsync(this GemPixApiFactory factory, Guid subject, int count)
    {
        factory.RegisterTestEvents();
        await factory.Services.GetRequiredService<PostgresEventStore>().AppendAsync(new StreamAppend(
            Guid.NewGuid(), "notes", subject, ExpectedVersion.NoStream, [.. Enumerable.Range(0, count).Select(i => PendingEvent.Create(new NoteTaken(SecretText, i)))]));
    }

    /// <summary>Seals everything committed and signs a head, waiting while another test's open transaction holds the horizon.</summary>
    public static async Task<SignedTreeHead> SealAllAsync(this GemPixApiFactory factory)
    {
        var sealer = factory.Services.GetRequiredService<LedgerSealer>();
        var ledger = factory.Services.GetRequiredService<LedgerReader>();
        await using var count = factory.Database.DataSource.CreateCommand("SELECT count(*) FROM gempix.events");
        var target = (long)(await count.ExecuteScalarAsync())!;
        await Eventually.HoldsAsync(
            async () =>
            {
                await sealer.CatchUpAsync();
                return (await ledger.GetStateAsync()).TreeSize >= target;
            },
            $"the ledger reaches {target} leaves");
        return (await sealer.CatchUpAsync())!;
    }
}
