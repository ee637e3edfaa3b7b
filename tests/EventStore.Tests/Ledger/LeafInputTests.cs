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

        var rows = await StoredAsync(db.DataSource, $"stream_id = '{stream}' OR type = 'test.withdrawn'");

        rows.Should().HaveCount(4);
        rows.Should().AllSatisfy(row =>
        {
            LeafInputV1.Encode(row.Columns).Should().Equal(row.LeafInput);
            Decode(row.LeafInput).Should().Be(row.Columns, "the layout is the one docs/ledger.md gives, byte by byte");
        });
        rows.Select(r => r.Columns.Seq).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        rows.Take(3).Select(r => r.Columns.Version).Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task A_row_inserted_other_than_by_append_events_gets_its_leaf_input_from_the_trigger()
    {
        var id = Guid.NewGuid();

        await db.ExecuteAsync(
            $$"""
            INSERT INTO gempix.events (id, stream_id, version, type, schema_version, data, metadata, recorded_at)
            VALUES ('{{id}}', gen_random_uuid(), 1, 'test.noted', 1, '{"text": "hi"}', '{}', '2026-11-22T10:15:30.123456Z')
            """);

        var (columns, stored) = (await StoredAsync(db.DataSource, $"id = '{id}'")).Single();
        stored.Should().Equal(LeafInputV1.Encode(columns));
        var decoded = Decode(stored);
        decoded.Id.Should().Be(id);
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

            var (columns, stored) = (await StoredAsync(before.DataSource, "true")).Single();
            stored.Should().Equal(LeafInputV1.Encode(columns));
            columns.SubjectId.Should().NotBeNull();
        }
        finally
        {
            await before.DisposeAsync();
        }
    }

    private static async Task<List<(LedgerEventColumns Columns, byte[] LeafInput)>> StoredAsync(NpgsqlDataSource dataSource, string where)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {LedgerEventColumns.SelectList}, leaf_input FROM gempix.events WHERE {where} ORDER BY seq");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(LedgerEventColumns, byte[])>();
        while (await reader.ReadAsync())
        {
            rows.Add((LedgerEventColumns.Read(reader), reader.GetFieldValue<byte[]>(LedgerEventColumns.Count)));
        }

        return rows;
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
