using System.Buffers.Binary;
using System.Text;

namespace GemPix.Imaging.Tests;

/// <summary>A PNG taken apart into its chunks and put back together, for tests that inspect, remove or damage chunks.</summary>
internal sealed record PngChunkList(IReadOnlyList<(string Type, byte[] Data)> Chunks)
{
    public static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static PngChunkList Parse(byte[] png)
    {
        png.AsSpan(0, 8).SequenceEqual(Signature).Should().BeTrue("a PNG starts with its signature");
        var chunks = new List<(string, byte[])>();
        var offset = 8;
        while (offset < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = Encoding.ASCII.GetString(png, offset + 4, 4);
            chunks.Add((type, png.AsSpan(offset + 8, length).ToArray()));
            offset += 12 + length;
        }

        return new PngChunkList(chunks);
    }

    /// <summary>Drops every ancillary chunk (lower-case first letter), as metadata-stripping tools do.</summary>
    public PngChunkList WithoutAncillaryChunks() => new(Chunks.Where(c => char.IsUpper(c.Type[0])).ToList());

    public PngChunkList Without(string type) => new(Chunks.Where(c => c.Type != type).ToList());

    public PngChunkList InsertedBefore(string type, string newType, byte[] data)
    {
        var list = Chunks.ToList();
        list.Insert(list.FindIndex(c => c.Type == type), (newType, data));
        return new PngChunkList(list);
    }

    public PngChunkList Replaced(string type, Func<byte[], byte[]> change) =>
        new(Chunks.Select(c => c.Type == type ? (c.Type, change(c.Data)) : c).ToList());

    public byte[] ToBytes()
    {
        using var output = new MemoryStream();
        output.Write(Signature);
        foreach (var (type, data) in Chunks)
        {
            output.Write(Frame(type, data));
        }

        return output.ToArray();
    }

    public static byte[] Frame(string type, byte[] data)
    {
        var frame = new byte[data.Length + 12];
        BinaryPrimitives.WriteInt32BigEndian(frame, data.Length);
        Encoding.ASCII.GetBytes(type, frame.AsSpan(4));
        data.CopyTo(frame, 8);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(8 + data.Length), BitwiseCrc32.Compute(frame.AsSpan(4, 4 + data.Length)));
        return frame;
    }
}
