using System.Globalization;
using System.Text;
using System.Text.Json;
using GemPix.Domain.Protection;

namespace GemPix.Protection;

/// <summary>
/// Finds the protected values in an event's UTF-8 JSON in one forward pass, without building a document: the
/// encrypting append runs this for every event, and a DOM of each one cost more than the encryption itself. Paths
/// are JSON pointers (RFC 6901), exactly as <see cref="EventFieldProtector"/> binds them on reading.
/// </summary>
internal static class MarkedValueScanner
{
    private static readonly byte[] PersonalMarker = Encoding.UTF8.GetBytes(ProtectedJson.Personal);
    private static readonly byte[] BillingMarker = Encoding.UTF8.GetBytes(ProtectedJson.Billing);
    private static readonly byte[] AssetName = Encoding.UTF8.GetBytes(ProtectedJson.Asset);

    public static List<MarkedValue> Scan(ReadOnlySpan<byte> utf8)
    {
        var found = new List<MarkedValue>(2);
        var frames = new List<Frame>(8);
        var reader = new Utf8JsonReader(utf8);
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    frames[^1] = frames[^1] with { Name = reader.ValueIsEscaped ? reader.GetString() : null, NameStart = (int)reader.TokenStartIndex + 1, NameLength = reader.ValueSpan.Length };
                    break;
                case JsonTokenType.StartObject when IsMarked(reader):
                    found.Add(Capture(ref reader, Path(frames, utf8, Advance(frames))));
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    var own = Advance(frames);
                    frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray, own, 0, null, 0, 0));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    frames.RemoveAt(frames.Count - 1);
                    break;
                default:
                    Advance(frames);
                    break;
            }
        }

        return found;
    }

    private static bool IsMarked(Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType == JsonTokenType.PropertyName && (reader.ValueTextEquals(PersonalMarker) || reader.ValueTextEquals(BillingMarker));

    /// <summary>Reads the marked object to its end; the reader stands on its <c>EndObject</c> afterwards.</summary>
    private static MarkedValue Capture(ref Utf8JsonReader reader, string path)
    {
        var objectStart = (int)reader.TokenStartIndex;
        reader.Read();
        var isBilling = reader.ValueTextEquals(BillingMarker);
        reader.Read();
        var valueStart = (int)reader.TokenStartIndex;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
        }

        var valueEnd = (int)reader.BytesConsumed;
        Guid? asset = null;
        reader.Read();
        if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(AssetName))
        {
            reader.Read();
            asset = reader.GetGuid();
            reader.Read();
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException($"A protected value at {path} holds more than its value and asset.");
        }

        return new MarkedValue(objectStart, (int)reader.BytesConsumed, valueStart, valueEnd, path, isBilling, asset);
    }

    /// <summary>The segment of the value about to be read in the innermost container (its name or index), moving an array's index on.</summary>
    private static Segment? Advance(List<Frame> frames)
    {
        if (frames.Count == 0)
        {
            return null;
        }

        var frame = frames[^1];
        if (frame.IsArray)
        {
            frames[^1] = frame with { NextIndex = frame.NextIndex + 1 };
            return new Segment(frame.NextIndex, null, 0, 0);
        }

        return new Segment(-1, frame.Name, frame.NameStart, frame.NameLength);
    }

    private static string Path(List<Frame> frames, ReadOnlySpan<byte> utf8, Segment? last)
    {
        var path = new StringBuilder();
        foreach (var frame in frames)
        {
            if (frame.Own is { } own)
            {
                Append(path, own, utf8);
            }
        }

        if (last is { } segment)
        {
            Append(path, segment, utf8);
        }

        return path.ToString();
    }

    private static void Append(StringBuilder path, Segment segment, ReadOnlySpan<byte> utf8)
    {
        path.Append('/');
        if (segment.Index >= 0)
        {
            path.Append(segment.Index.ToString(CultureInfo.InvariantCulture));
            return;
        }

        var name = segment.Name ?? Encoding.UTF8.GetString(utf8.Slice(segment.NameStart, segment.NameLength));
        path.Append(name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
    }

    /// <summary>A container being read: its own place in its parent, and the name or index of the value it is at.</summary>
    private readonly record struct Frame(bool IsArray, Segment? Own, int NextIndex, string? Name, int NameStart, int NameLength);

    /// <summary>A step of a JSON pointer: an array index, or a property name (decoded from the source unless it was escaped).</summary>
    private readonly record struct Segment(int Index, string? Name, int NameStart, int NameLength);
}
