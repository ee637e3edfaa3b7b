using GemPix.Domain.Serialization;
using GemPix.EventStore.Projections;
using GemPix.EventStore.Serialization;
using GemPix.Testing;

namespace GemPix.EventStore.Tests.Support;

/// <summary>A migrated database with the store, its reader and a fake clock, as the hosts wire them.</summary>
public sealed class EventStoreDatabase : TestDatabase
{
    public FakeClock Clock { get; } = FakeClock.At(2026, 11, 22, 10, 15, 30);

    public EventSerializer Serializer { get; } = new(
        new EventTypeRegistry()
            .Register<Deposited>("test.deposited")
            .Register<Withdrawn>("test.withdrawn")
            .Register<Noted>("test.noted"),
        GemPixJson.Options);

    public PostgresEventStore Store(params IInlineProjection[] inline) => new(AppDataSource, Serializer, Clock, inline);

    public GapSafeEventReader Reader() => new(AppDataSource, Serializer);

    public static StreamAppend Append(Guid stream, ExpectedVersion expected, params object[] events) =>
        new(stream, "account", null, expected, [.. events.Select(e => PendingEvent.Create(e))]);

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
