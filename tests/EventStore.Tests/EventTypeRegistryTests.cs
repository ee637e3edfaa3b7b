using System.Text.Json.Nodes;
using GemPix.Domain.Serialization;
using GemPix.EventStore.Serialization;
using GemPix.EventStore.Tests.Support;

namespace GemPix.EventStore.Tests;

public sealed class EventTypeRegistryTests : IClassFixture<EventStoreDatabase>
{
    private readonly EventStoreDatabase _db;

    public EventTypeRegistryTests(EventStoreDatabase db) => _db = db;

    private sealed record RenamedV2(string FullName, int Amount);

    [Fact]
    public async Task An_event_stored_in_an_older_shape_is_upcast_when_read()
    {
        var stream = Guid.NewGuid();
        await _db.ExecuteAsync(
            $"INSERT INTO gempix.events (id, stream_id, version, type, schema_version, data, metadata, recorded_at) " +
            $"VALUES ('{Guid.NewGuid()}', '{stream}', 1, 'test.renamed', 1, '{{\"name\":\"Ada\",\"amount\":3}}', '{{\"actorKind\":\"system\"}}', now())");
        var registry = new EventTypeRegistry()
            .Register<RenamedV2>("test.renamed", schemaVersion: 2)
            .AddUpcaster("test.renamed", fromVersion: 1, v1 => new JsonObject { ["fullName"] = v1["name"]!.GetValue<string>(), ["amount"] = v1["amount"]!.GetValue<int>() });
        var store = new PostgresEventStore(_db.AppDataSource, new EventSerializer(registry, GemPixJson.Options), _db.Clock, []);

        var e = await store.ReadStreamAsync(stream).SingleAsync();

        e.Data.Should().Be(new RenamedV2("Ada", 3));
    }

    [Fact]
    public void Events_are_written_under_their_stored_name_and_current_schema_version()
    {
        var registry = new EventTypeRegistry().Register<RenamedV2>("test.renamed", schemaVersion: 2);

        var (type, json) = new EventSerializer(registry, GemPixJson.Options).Serialize(new RenamedV2("Ada", 3));

        type.Should().Be(new EventType("test.renamed", 2, typeof(RenamedV2)));
        json.Should().Be("""{"fullName":"Ada","amount":3}""");
    }

    [Fact]
    public void A_stored_name_or_a_type_registered_twice_is_refused()
    {
        var registry = new EventTypeRegistry().Register<Deposited>("test.deposited");

        registry.Invoking(r => r.Register<Withdrawn>("test.deposited")).Should().Throw<ArgumentException>();
        registry.Invoking(r => r.Register<Deposited>("test.other")).Should().Throw<ArgumentException>();
        registry.IsRegistered("test.other").Should().BeFalse();
    }

    [Fact]
    public void A_missing_upcaster_is_named_in_the_error()
    {
        var registry = new EventTypeRegistry().Register<RenamedV2>("test.renamed", schemaVersion: 2);
        var serializer = new EventSerializer(registry, GemPixJson.Options);

        var act = () => serializer.Deserialize("test.renamed", 1, """{"name":"Ada","amount":3}""");

        act.Should().Throw<UnknownEventTypeException>().WithMessage("*schema version 1*");
    }
}
