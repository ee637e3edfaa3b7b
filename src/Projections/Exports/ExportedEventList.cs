using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GemPix.Projections.Exports;

/// <summary>
/// A category's events, serialised as they are read (one per line) and kept as JSON until the category's file is
/// written: far smaller than the decrypted records, which the reader may then let go page by page. Kept in memory
/// and never in a temporary file, since it is decrypted personal data.
/// </summary>
[JsonConverter(typeof(ExportedEventListJsonConverter))]
internal sealed class ExportedEventList : IDisposable
{
    // One event per line, indented to sit inside the indented document.
    private static readonly byte[] First = "[\n    "u8.ToArray();
    private static readonly byte[] Separator = ",\n    "u8.ToArray();

    private readonly ArrayBufferWriter<byte> _buffer = new();
    private readonly Utf8JsonWriter _writer;
    private bool _completed;

    public ExportedEventList()
    {
        _writer = new Utf8JsonWriter(_buffer, ExportJson.CompactWriter);
    }

    public int Count { get; private set; }

    public void Add(ExportedEvent exported)
    {
        if (_completed)
        {
            throw new InvalidOperationException("The list was written already.");
        }

        _buffer.Write(Count == 0 ? First : Separator);
        JsonSerializer.Serialize(_writer, exported, ExportJson.Options);
        _writer.Flush();
        // The writer would put a comma before a second top-level value: each event starts it afresh.
        _writer.Reset();
        Count++;
    }

    /// <summary>The whole array; no event can be added afterwards.</summary>
    public ReadOnlyMemory<byte> Json()
    {
        if (!_completed)
        {
            _buffer.Write(Count == 0 ? "[]"u8 : "\n  ]"u8);
            _completed = true;
        }

        return _buffer.WrittenMemory;
    }

    public void Dispose() => _writer.Dispose();
}
