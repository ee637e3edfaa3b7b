using System.Buffers.Binary;
using System.Text;
using GemPix.EventStore.Ledger;
using GemPix.EventStore.Schema;
using GemPix.EventStore.Tests.Support;
using GemPix.Testing;
using Npgsql;

namespace GemPix.EventStore.Tests.Ledger;

public sealed class LeafInputTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    [Fact]
    public async Task The_database_and_LeafInputV1_write_the_same_bytes_as_docs_ledger_md_describes()
    {
        var subject = Guid.NewGuid();
        var stream = Guid.NewGuid();
        var long440 = string.Concat(Enumerable.Repeat("a lighthouse at dusk, ", 20));
        await db.Store().AppendAsync(new StreamAppend(stream, "account", subject, ExpectedVersion.NoStream,
        [
            PendingEvent.Create(new Noted("Zoë paints 🎨 \"quoted\"\n\ttabbed \\ and ü")),
            PendingEvent.Create(new Deposited(-42)),
            PendingEvent.Create(new Noted(long440)),
        ]));
        await db.Store().AppendAsync(EventStoreDatabase.Append(Guid.NewGuid(), ExpectedVersion.NoStream, new Withdrawn(7)));

        await using var command = db.DataSource.CreateCommand(
            """
            SELECT seq, id, stream_id, version, type, schema_version, subject_id, data::text, metadata::text, recorded_at, leaf_input
              FROM gempix.events WHERE stream_id = $1 OR subject_id IS NULL ORDER BY seq
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = stream });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
            var columns = new LedgerEventColumns(
                reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt64(3), reader.GetString(4), reader.GetInt32(5),
                reader.IsDBNull(6) ? null : reader.GetGuid(6), reader.GetString(7), reader.GetString(8), LedgerEventColumns.Microseconds(reader.GetDateTime(9)));
            var stored = reader.GetFieldValue<byte[]>(10);

            LeafInputV1.Encode(columns).Should().Equal(stored);
            Decode(stored).Should().Be(columns, "the layout is the one docs/ledger.md gives, byte by byte");
        }

        rows.Should().BeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public async Task A_writer_cannot_choose_the_leaf_input_of_its_row()
    {
        var id = Guid.NewGuid();

        await db.ExecuteAsync(
            $$"""
            INSERT INTO gempix.events (id, stream_id, version, type, schema_version, data, metadata, recorded_at, leaf_input)
            VALUES ('{{id}}', gen_random_uuid(), 1, 'test.noted', 1, '{"text": "hi"}', '{}', '2026-11-22T10:15:30.123456Z', '\xdeadbeef')
            """);

        var stored = await db.ScalarAsync<byte[]>($"SELECT leaf_input FROM gempix.events WHERE id = '{id}'");
        stored.AsSpan(0, 2).ToArray().Should().Equal("v1"u8.ToArray());
        var decoded = Decode(stored);
        decoded.Data.Should().Be("{\"text\": \"hi\"}");
        decoded.RecordedAtMicroseconds.Should().Be(1795342530123456);
    }

    [Fact]
    public async Task Events_written_before_the_ledger_get_their_leaf_input_from_its_migration()
    {
        var before = new EmptyTestDatabase();
        await before.InitializeAsync();
        try
        {
            await new MigrationRunner(before.DataSource, [.. EmbeddedMigrations.List.Where(m => m.Version < 5)]).MigrateAsync();
            await before.ExecuteAsync(
                """
                INSERT INTO gempix.events (id, stream_id, version, type, schema_version, data, metadata, subject_id, recorded_at)
                VALUES (gen_random_uuid(), gen_random_uuid(), 1, 'test.noted', 1, '{"text": "old"}', '{"actorKind": "system"}', gen_random_uuid(), now())
                """);

            await new MigrationRunner(before.DataSource).MigrateAsync();

            await using var command = before.DataSource.CreateCommand(
                "SELECT seq, id, stream_id, version, type, schema_version, subject_id, data::text, metadata::text, recorded_at, leaf_input FROM gempix.events");
            await using var reader = await command.ExecuteReaderAsync();
            (await reader.ReadAsync()).Should().BeTrue();
            var columns = new LedgerEventColumns(
                reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt64(3), reader.GetString(4), reader.GetInt32(5),
                reader.GetGuid(6), reader.GetString(7), reader.GetString(8), LedgerEventColumns.Microseconds(reader.GetDateTime(9)));
            reader.GetFieldValue<byte[]>(10).Should().Equal(LeafInputV1.Encode(columns));
        }
        finally
        {
            await before.DisposeAsync();
        }
    }

    /// <summary>Reads a v1 leaf input as an auditor would, from the layout in docs/ledger.md alone.</summary>
    private static LedgerEventColumns Decode(byte[] input)
    {
        var at = 0;
        Encoding.ASCII.GetString(Take(2)).Should().Be("v1");
        var seq = BinaryPrimitives.ReadInt64BigEndian(Take(8));
        var id = new Guid(Take(16), bigEndian: true);
        var stream = new Guid(Take(16), bigEndian: true);
        var version = BinaryPrimitives.ReadInt64BigEndian(Take(8));
        var type = Text();
        var schemaVersion = BinaryPrimitives.ReadInt32BigEndian(Take(4));
        Guid? subject = Take(1)[0] == 1 ? new Guid(Take(16), bigEndian: true) : null;
        var data = Text();
        var metadata = Text();
        var recordedAt = BinaryPrimitives.ReadInt64BigEndian(Take(8));
        at.Should().Be(input.Length, "nothing follows the recorded-at");
        return new LedgerEventColumns(seq, id, stream, version, type, schemaVersion, subject, data, metadata, recordedAt);

        ReadOnlySpan<byte> Take(int count)
        {
            at += count;
            return input.AsSpan(at - count, count);
        }

        string Text() => Encoding.UTF8.GetString(Take(BinaryPrimitives.ReadInt32BigEndian(Take(4))));
    }
}
