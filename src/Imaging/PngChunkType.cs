using System.Buffers.Binary;

namespace GemPix.Imaging;

/// <summary>
/// A chunk's four-letter type as a big-endian number, so types compare and switch as integers. Bit 5 of the
/// first letter (lower case) marks an ancillary chunk a reader may skip; upper case marks a critical one.
/// </summary>
internal readonly record struct PngChunkType(uint Value)
{
    public static readonly PngChunkType Header = From("IHDR"u8);
    public static readonly PngChunkType Palette = From("PLTE"u8);
    public static readonly PngChunkType Data = From("IDAT"u8);
    public static readonly PngChunkType End = From("IEND"u8);
    public static readonly PngChunkType Transparency = From("tRNS"u8);
    public static readonly PngChunkType Text = From("tEXt"u8);
    public static readonly PngChunkType CompressedText = From("zTXt"u8);
    public static readonly PngChunkType InternationalText = From("iTXt"u8);

    public bool IsCritical => (Value & 0x20000000u) == 0;

    public bool IsText => this == Text || this == CompressedText || this == InternationalText;

    public static PngChunkType From(ReadOnlySpan<byte> name) => new(BinaryPrimitives.ReadUInt32BigEndian(name));

    public void WriteTo(Span<byte> destination) => BinaryPrimitives.WriteUInt32BigEndian(destination, Value);

    public override string ToString() =>
        string.Create(4, Value, static (chars, value) =>
        {
            for (var i = 0; i < 4; i++)
            {
                var b = (byte)(value >> (24 - (8 * i)));
                chars[i] = b is >= 0x20 and < 0x7F ? (char)b : '?';
            }
        });
}
