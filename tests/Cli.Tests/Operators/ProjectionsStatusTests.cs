using GemPix.Cli.Seeding;
using GemPix.EventStore.Projections;
using Microsoft.Extensions.DependencyInjection;

namespace GemPix.Cli.Tests.Operators;

public sealed class ProjectionsStatusTests(OperatorCli cli) : IClassFixture<OperatorCli>
{
    private static readonly string[] Header = ["projection", "status", "events behind", "last seq", "failed at seq", "attempts", "updated", "error"];

    [Fact]
    public async Task Status_prints_one_plain_line_per_projection_with_how_many_events_it_is_behind_and_the_last_seq_it_processed()
    {
        await SeedRun.From(cli.Services).RunAsync(1, 20261201, 1, null, default);
        var total = await ScalarAsync("SELECT count(*) FROM gempix.events");
        // event_statistics has processed all but the last two events; training_eligibility is parked at the one after its own.
        var (statisticsSeq, _) = await PutCheckpointAsync("event_statistics", offset: total - 3, "running", error: "", attempts: 0);
        var (eligibilitySeq, nextSeq) = await PutCheckpointAsync("training_eligibility", offset: 0, "parked", error: "boom\n  at the second line", attempts: 5);
        await cli.Database.ExecuteAsync($"UPDATE gempix.projection_checkpoints SET failed_seq = {nextSeq} WHERE name = 'training_eligibility'");

        var status = await cli.RunAsync("projections", "status");

        status.ExitCode.Should().Be(1, "a parked projection needs an operator");
        status.HasBoxDrawing.Should().BeFalse("a pipe gets plain lines:\n" + status.Output);
        var names = cli.Services.GetRequiredService<ProjectionDaemon>().ProjectionNames.Order(StringComparer.Ordinal).ToList();
        status.Lines.Should().HaveCount(1 + names.Count, "one line per projection, none wrapped:\n" + status.Output);
        var table = status.Table("projection");
        table[0].Should().Equal(Header);
        var rows = table.Skip(1).ToDictionary(r => r[0]);
        rows.Keys.Should().Equal(names);
        rows.Values.Should().OnlyContain(r => r.Length == Header.Length, "every cell is there, an empty one as '-':\n" + status.Output);
        rows["event_statistics"][1..6].Should().Equal("running", "2", statisticsSeq.ToString(), "-", "0");
        rows["training_eligibility"][1..6].Should().Equal("parked", (total - 1).ToString(), eligibilitySeq.ToString(), nextSeq.ToString(), "5");
        rows["training_eligibility"][7].Should().Be("boom at the second line", "an error stays on its row, in its column");
        foreach (var name in names.Except(["event_statistics", "training_eligibility"]))
        {
            rows[name][1..4].Should().Equal("not started", total.ToString(), "-");
        }
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var command = cli.Database.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Puts a checkpoint on the event at <paramref name="offset"/> in the global order (an empty error is none); returns its seq and the next event's.</summary>
    private async Task<(long Seq, long NextSeq)> PutCheckpointAsync(string name, long offset, string state, string error, int attempts)
    {
        await using var command = cli.Database.DataSource.CreateCommand(
            """
            WITH ordered AS (SELECT tx_id, seq, lead(seq) OVER (ORDER BY tx_id, seq) AS next FROM gempix.events),
                 chosen AS (SELECT * FROM ordered ORDER BY tx_id, seq OFFSET $2 LIMIT 1),
                 put AS (
                     INSERT INTO gempix.projection_checkpoints (name, tx_id, seq, status, error, attempts)
                     SELECT $1, tx_id, seq, $3, nullif($4, ''), $5 FROM chosen
                     ON CONFLICT (name) DO UPDATE SET tx_id = excluded.tx_id, seq = excluded.seq, status = excluded.status,
                         error = excluded.error, attempts = excluded.attempts)
            SELECT seq, next FROM chosen
            """);
        command.Parameters.AddWithValue(name);
        command.Parameters.AddWithValue(offset);
        command.Parameters.AddWithValue(state);
        command.Parameters.AddWithValue(error);
        command.Parameters.AddWithValue(attempts);
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
