using GemPix.EventStore.Tests.Support;
using static GemPix.EventStore.Tests.Support.EventStoreDatabase;

namespace GemPix.EventStore.Tests;

public sealed class ProjectionStatusViewTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    [Fact]
    public async Task The_status_view_shows_how_far_behind_a_projection_is_and_why_it_is_parked()
    {
        await db.Store().AppendAsync(Append(Guid.NewGuid(), ExpectedVersion.NoStream, new Deposited(1), new Deposited(2), new Deposited(3)));
        await db.ExecuteAsync("INSERT INTO gempix.projection_checkpoints (name, status, failed_seq, error) VALUES ('status_probe', 'parked', 7, 'InvalidOperationException: broken')");

        await using var command = db.AppDataSource.CreateCommand("SELECT status, events_behind, failed_seq, error FROM gempix.projection_status WHERE name = 'status_probe'");
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();

        reader.GetString(0).Should().Be("parked");
        reader.GetInt64(1).Should().Be(await db.ScalarAsync<long>("SELECT count(*) FROM gempix.events"));
        reader.GetInt64(2).Should().Be(7);
        reader.GetString(3).Should().Contain("broken");
    }
}
