using GemPix.EventStore;
using GemPix.EventStore.Projections;
using NodaTime;
using Npgsql;

namespace GemPix.Projections.Statistics;

/// <summary>Counts events per type and UTC day (<c>gempix.event_statistics</c>), one upsert per page.</summary>
public sealed class EventStatisticsProjection : IAsyncProjection
{
    public string Name => "event_statistics";

    public async Task ApplyAsync(IReadOnlyList<RecordedEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<(LocalDate Day, string Type), long>();
        foreach (var e in events)
        {
            var key = (e.RecordedAt.InUtc().Date, e.Type);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        await using var command = new NpgsqlCommand(
            """
            INSERT INTO gempix.event_statistics (day, type, count)
            SELECT * FROM unnest($1::date[], $2::text[], $3::bigint[])
            ON CONFLICT (day, type) DO UPDATE SET count = event_statistics.count + excluded.count
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = [.. counts.Keys.Select(k => k.Day.ToDateOnly())] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. counts.Keys.Select(k => k.Type)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. counts.Values] });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("DELETE FROM gempix.event_statistics", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
