using System.Buffers.Binary;
using GemPix.Domain.Uploads;

namespace GemPix.Domain.Tests.Uploads;

public sealed class ImageInspectorTests
{
    [Fact]
    public void A_png_is_recognised_by_its_signature_and_its_size_read_from_ihdr() =>
        ImageInspector.Inspect(Png(640, 480)).Should().Be(new ImageInspection.Accepted(ImageFormat.Png, 640, 480));

    [Fact]
    public void A_jpeg_is_recognised_and_its_size_read_from_the_frame_header() =>
        ImageInspector.Inspect(Jpeg(1920, 1080)).Should().Be(new ImageInspection.Accepted(ImageFormat.Jpeg, 1920, 1080));

    [Fact]
    public void A_png_declaring_a_huge_canvas_is_refused_before_decoding() =>
        ImageInspector.Inspect(Png(100_000, 100_000)).Should().BeOfType<ImageInspection.TooManyPixels>();

    [Theory]
    [InlineData("GIF89a")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg'/>")]
    [InlineData("%PDF-1.7")]
    [InlineData("")]
    public void Anything_else_is_an_unsupported_type(string content) =>
        ImageInspector.Inspect(System.Text.Encoding.UTF8.GetBytes(content)).Should().BeOfType<ImageInspection.UnsupportedType>();

    [Fact]
    public void A_truncated_png_or_jpeg_is_malformed_not_a_crash()
    {
        ImageInspector.Inspect(Png(10, 10).AsSpan(0, 20)).Should().BeOfType<ImageInspection.Malformed>();
        ImageInspector.Inspect(Jpeg(10, 10).AsSpan(0, 8)).Should().BeOfType<ImageInspection.Malformed>();
        ImageInspector.Inspect(Png(0, 10)).Should().BeOfType<ImageInspection.Malformed>();
    }

    private static byte[] Png(uint width, uint height)
    {
        var bytes = new byte[33];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), 13);
        "IHDR"u8.CopyTo(bytes.AsSpan(12));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(20), height);
        bytes[24] = 8;
        bytes[25] = 2;
        return bytes;
    }

    private static byte[] Jpeg(ushort width, ushort height)
    {
        var app0 = new byte[] { 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00 };
        var sof = new byte[] { 0xFF, 0xC0, 0x00, 0x11, 0x08, 0, 0, 0, 0, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1 };
        BinaryPrimitives.WriteUInt16BigEndian(sof.AsSpan(5), height);
        BinaryPrimitives.WriteUInt16BigEndian(sof.AsSpan(7), width);
        return [0xFF, 0xD8, .. app0, .. sof, 0xFF, 0xD9];
    }
}
