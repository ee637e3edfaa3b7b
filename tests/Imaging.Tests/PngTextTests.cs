using System.Text;

namespace GemPix.Imaging.Tests;

public sealed class PngTextTests
{
    [Fact]
    public void Writes_uncompressed_itxt_and_reads_it_back()
    {
        var png = new PngEncoder().Encode(TestImages.Varied(3, 3), [new PngText("Description", "Zürich ☀ \"quoted\"\nsecond line")]);

        var itxt = PngChunkList.Parse(png).Chunks.Single(c => c.Type == "iTXt").Data;
        itxt.Should().Equal([.. "Description"u8.ToArray(), 0, 0, 0, 0, 0, .. Encoding.UTF8.GetBytes("Zürich ☀ \"quoted\"\nsecond line")]);
        PngDecoder.ReadText(png).Should().Equal(new PngText("Description", "Zürich ☀ \"quoted\"\nsecond line"));
    }

    [Fact]
    public void Reads_text_of_every_kind_wherever_it_lies()
    {
        var chunks = PngChunkList.Parse(new PngEncoder().Encode(TestImages.Varied(3, 3)))
            .InsertedBefore("IDAT", "tEXt", [.. "Title"u8.ToArray(), 0, .. Encoding.Latin1.GetBytes("café")])
            .InsertedBefore("IEND", "zTXt", [.. "Comment"u8.ToArray(), 0, 0, .. StoredZlib.Wrap(Encoding.Latin1.GetBytes("après"))])
            .InsertedBefore("IEND", "iTXt", [.. "Author"u8.ToArray(), 0, 1, 0, .. "fr"u8.ToArray(), 0, .. "Auteur"u8.ToArray(), 0, .. StoredZlib.Wrap(Encoding.UTF8.GetBytes("Zoë ✓"))]);

        PngDecoder.ReadText(chunks.ToBytes()).Should().Equal(
            new PngText("Title", "café"),
            new PngText("Comment", "après"),
            new PngText("Author", "Zoë ✓"));
    }

    [Fact]
    public void Leaves_out_text_chunks_it_cannot_read()
    {
        var chunks = PngChunkList.Parse(new PngEncoder().Encode(TestImages.Varied(3, 3)))
            .InsertedBefore("IEND", "tEXt", "no separator"u8.ToArray())
            .InsertedBefore("IEND", "iTXt", [.. "Bad"u8.ToArray(), 0, 0, 0, 0, 0, 0xC3, 0x28]) // invalid UTF-8
            .InsertedBefore("IEND", "zTXt", [.. "Huge"u8.ToArray(), 0, 0, .. Compressed(new byte[2 * 1024 * 1024])])
            .InsertedBefore("IEND", "tEXt", [.. "Fine"u8.ToArray(), 0, .. "yes"u8.ToArray()]);

        PngDecoder.ReadText(chunks.ToBytes()).Should().Equal(new PngText("Fine", "yes"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" leading")]
    [InlineData("trailing ")]
    [InlineData("two  spaces")]
    [InlineData("tab\there")]
    [InlineData("beyond Latin-1 \u0100")]
    public void Refuses_keywords_the_specification_does_not_allow(string keyword)
    {
        var act = () => new PngText(keyword, "text");

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Allows_keywords_of_up_to_79_characters()
    {
        PngText.IsValidKeyword(new string('k', 79)).Should().BeTrue();
        PngText.IsValidKeyword(new string('k', 80)).Should().BeFalse();
        PngText.IsValidKeyword("gempix:provenance").Should().BeTrue();
    }

    private static byte[] Compressed(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(output, System.IO.Compression.CompressionLevel.SmallestSize))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }
}
