using System.Security.Cryptography;
using GemPix.EventStore.Tests.Support;
using static GemPix.EventStore.Tests.Support.EventStoreDatabase;

namespace GemPix.EventStore.Tests;

/// <summary>Where an event's row lives: in the heap up to a page, in the TOAST table only beyond.</summary>
public sealed class EventRowStorageTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    private readonly PostgresEventStore _store = db.Store();

    [Fact]
    public async Task An_event_of_a_few_kilobytes_of_ciphertext_stays_in_the_heap_and_only_one_beyond_a_page_is_toasted()
    {
        // Base64 of random bytes: what field envelopes look like, and what compression cannot shrink.
        var toasted = await ToastedValuesAfterAsync(new Noted(Convert.ToBase64String(RandomNumberGenerator.GetBytes(2_400))));
        toasted.Should().Be(0, "a row of about 7 kB (data and leaf input) fits the page");

        toasted = await ToastedValuesAfterAsync(new Noted(Convert.ToBase64String(RandomNumberGenerator.GetBytes(6_000))));
        toasted.Should().BePositive("a row beyond a page cannot stay in the heap");
    }

    private async Task<long> ToastedValuesAfterAsync(Noted noted)
    {
        var toastTable = await db.ScalarAsync<string>("SELECT reltoastrelid::regclass::text FROM pg_class WHERE oid = 'gempix.events'::regclass");
        var before = await db.ScalarAsync<long>($"SELECT count(DISTINCT chunk_id) FROM {toastTable}");
        await _store.AppendAsync(Append(Guid.NewGuid(), ExpectedVersion.NoStream, noted));
        return await db.ScalarAsync<long>($"SELECT count(DISTINCT chunk_id) FROM {toastTable}") - before;
    }
}
