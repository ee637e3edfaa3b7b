using System.Buffers.Binary;
using System.Text;

namespace GemPix.Ledger.Marten.Tests;

/// <summary>The leaf input of a real row, decoded from the layout in docs/ledger.md ("On Marten") alone.</summary>
public sealed class MartenLeafInputTests(MartenLedgerHost host) : IClassFixture<MartenLedgerHost>
{
    [Fact]
    public async Task A_sealed_rows_leaf_input_decodes_field_by_field_to_its_columns()
    {
        var streamId = Guid.NewGuid();
        await using (var session = host.Store.LightweightSession())
        {
            session.CorrelationId = "correlation-1";
            session.CausationId = "causation-1";
            session.LastModifiedBy = "auditor-7";
            session.SetHeader("actor", "subject");
            session.Events.StartStream(streamId, new Stamped(3, 1, "héllo"));
            await session.SaveChangesAsync();
        }

        var seqId = await host.ScalarAsync<long>($"SELECT seq_id FROM mt_events WHERE stream_id = '{streamId}'");
        var data = await host.ScalarAsync<string>($"SELECT data::text FROM mt_events WHERE seq_id = {seqId}");
        var headers = await host.ScalarAsync<string>($"SELECT headers::text FROM mt_events WHERE seq_id = {seqId}");
        var timestamp = await host.ScalarAsync<DateTime>($"SELECT timestamp FROM mt_events WHERE seq_id = {seqId}");
        var input = await LeafInputOfAsync(seqId);

        var reader = new LayoutReader(input);
        reader.Bytes(2).Should().Equal("m1"u8.ToArray());
        reader.Int64().Should().Be(seqId);
        reader.Uuid().Should().NotBe(Guid.Empty);
        reader.Uuid().Should().Be(streamId);
        reader.Int64().Should().Be(1);
        reader.Text().Should().Be("stamped");
        reader.OptionalText().Should().Be("*DEFAULT*");
        reader.OptionalText().Should().Contain(nameof(Stamped));
        reader.Int64().Should().Be((timestamp.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond);
        reader.OptionalText().Should().Be(data).And.Contain("héllo");
        reader.OptionalBytes().Should().BeNull("a JSON event has no binary data");
        reader.OptionalText().Should().Be("correlation-1");
        reader.OptionalText().Should().Be("causation-1");
        reader.OptionalText().Should().Be(headers).And.Contain("actor");
        reader.OptionalText().Should().Be("auditor-7");
        reader.OptionalText().Should().BeNull("tags are off");
        reader.Byte().Should().Be(0, "not archived");
        reader.Byte().Should().Be(0, "not skipped");
        reader.AtEnd.Should().BeTrue("nothing follows the last field");
    }

    private async Task<byte[]> LeafInputOfAsync(long seqId)
    {
        await using var connection = await host.Database.DataSource.OpenConnectionAsync();
        var selection = await MartenEventSelection.ForTableAsync(connection, host.Tables, default);
        await using var command = new Npgsql.NpgsqlCommand($"SELECT {selection.SelectList} FROM {host.Tables.Events} WHERE seq_id = {seqId}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        return MartenLeafInputV1.Encode(MartenEventSelection.Read(reader));
    }

    /// <summary>Reads the documented layout: big-endian integers, RFC 9562 UUIDs, length-prefixed UTF-8, 0x00/0x01 options.</summary>
    private sealed class LayoutReader(byte[] bytes)
    {
        private int _at;

        public bool AtEnd => _at == bytes.Length;

        public byte[] Bytes(int count)
        {
            var slice = bytes[_at..(_at + count)];
            _at += count;
            return slice;
        }

        public byte Byte() => Bytes(1)[0];

        public long Int64() => BinaryPrimitives.ReadInt64BigEndian(Bytes(8));

        public Guid Uuid() => new(Bytes(16), bigEndian: true);

        public string Text() => Encoding.UTF8.GetString(Bytes(BinaryPrimitives.ReadInt32BigEndian(Bytes(4))));

        public string? OptionalText() => Byte() == 0 ? null : Text();

        public byte[]? OptionalBytes() => Byte() == 0 ? null : Bytes(BinaryPrimitives.ReadInt32BigEndian(Bytes(4)));
    }
}
