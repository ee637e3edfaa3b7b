using System.IO.Compression;

namespace GemPix.Imaging.Tests;

public sealed class PngEncoderTests
{
    public static TheoryData<int, int, PngFilterMode> SizesAndFilters()
    {
        var data = new TheoryData<int, int, PngFilterMode>();
        foreach (var filter in Enum.GetValues<PngFilterMode>())
        {
            foreach (var (width, height) in new[] { (1, 1), (1, 7), (7, 1), (3, 5), (33, 17), (255, 3) })
            {
                data.Add(width, height, filter);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SizesAndFilters))]
    public void Round_trips_through_the_decoder(int width, int height, PngFilterMode filter)
    {
        var image = TestImages.Varied(width, height);
        var png = new PngEncoder(new PngEncoderOptions { Filter = filter }).Encode(image);

        var decoded = new PngDecoder().Decode(png);

        decoded.Width.Should().Be(width);
        decoded.Height.Should().Be(height);
        decoded.Pixels.SequenceEqual(image.Pixels).Should().BeTrue();
    }

    [Theory]
    [InlineData(PngFilterMode.None)]
    [InlineData(PngFilterMode.Sub)]
    [InlineData(PngFilterMode.Up)]
    [InlineData(PngFilterMode.Average)]
    [InlineData(PngFilterMode.Paeth)]
    public void A_fixed_filter_is_used_on_every_row(PngFilterMode filter)
    {
        var png = new PngEncoder(new PngEncoderOptions { Filter = filter }).Encode(TestImages.Varied(10, 6));

        var idat = PngChunkList.Parse(png).Chunks.Single(c => c.Type == "IDAT").Data;
        using var inflated = new ZLibStream(new MemoryStream(idat), CompressionMode.Decompress);
        var raw = new byte[6 * (1 + 30)];
        inflated.ReadExactly(raw);
        Enumerable.Range(0, 6).Select(y => raw[y * 31]).Should().AllBeEquivalentTo((byte)filter);
    }

    [Fact]
    public void Starts_with_the_signature_and_an_exact_header()
    {
        var png = new PngEncoder().Encode(RgbImage.Filled(300, 2, 1, 2, 3));

        png.AsSpan(0, 33).ToArray().Should().Equal(
            0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, // signature
            0x00, 0x00, 0x00, 0x0D, (byte)'I', (byte)'H', (byte)'D', (byte)'R', // length 13, IHDR
            0x00, 0x00, 0x01, 0x2C, 0x00, 0x00, 0x00, 0x02, // width 300, height 2
            0x08, 0x02, 0x00, 0x00, 0x00, // 8 bits, RGB, deflate, adaptive filters, not interlaced
            0x6D, 0xCE, 0x76, 0xD0); // CRC of "IHDR" and the 13 bytes (zlib.crc32 agrees)
        BitwiseCrc32.Compute(png.AsSpan(12, 17)).Should().Be(0x6DCE76D0u);
        png.AsSpan(png.Length - 12).ToArray().Should().Equal(0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82);
    }

    [Fact]
    public void Writes_rgba_as_colour_type_6_and_the_decoder_composites_it_on_white()
    {
        var image = TestImages.WithAlpha(9, 4);
        var png = new PngEncoder().Encode(image);

        png[25].Should().Be(6);
        var decoded = new PngDecoder().Decode(png);
        for (var i = 0; i < 9 * 4; i++)
        {
            var alpha = image.Pixels[(i * 4) + 3];
            for (var c = 0; c < 3; c++)
            {
                var expected = 255 - ((255 - image.Pixels[(i * 4) + c]) * alpha / 255.0);
                ((double)decoded.Pixels[(i * 3) + c]).Should().BeApproximately(expected, 0.5);
            }
        }
    }

    [Fact]
    public void Splits_large_image_data_into_chunks_of_at_most_64_KiB()
    {
        var png = new PngEncoder(new PngEncoderOptions { Compression = CompressionLevel.NoCompression }).Encode(TestImages.Varied(300, 300));

        var idats = PngChunkList.Parse(png).Chunks.Where(c => c.Type == "IDAT").ToList();
        idats.Should().HaveCountGreaterThan(1);
        idats.Should().OnlyContain(c => c.Data.Length <= 64 * 1024);
        idats.SkipLast(1).Should().OnlyContain(c => c.Data.Length == 64 * 1024);
        new PngDecoder().Decode(png).Pixels.SequenceEqual(TestImages.Varied(300, 300).Pixels).Should().BeTrue();
    }

    [Fact]
    public void Every_chunk_carries_a_correct_crc()
    {
        var png = new PngEncoder().Encode(TestImages.Varied(40, 40), [new PngText("Comment", "hello")]);

        PngChunkList.Parse(png).ToBytes().Should().Equal(png, "rebuilding with independently computed CRCs changes nothing");
    }

    [Fact]
    public async Task Writing_to_a_stream_gives_the_same_bytes_as_encoding_to_an_array()
    {
        var image = TestImages.Varied(64, 48);
        var encoder = new PngEncoder();
        using var stream = new MemoryStream();

        await encoder.EncodeAsync(image, stream, [new PngText("Title", "x")]);

        stream.ToArray().Should().Equal(encoder.Encode(image, [new PngText("Title", "x")]));
    }

    [Fact]
    public async Task Encodes_a_4K_image_holding_no_more_than_a_few_rows_besides_it()
    {
        var image = TestImages.Varied(3840, 2160);
        var before = GC.GetAllocatedBytesForCurrentThread();

        // Stream.Null completes every write at once, so all of the encoder's work stays on this thread to be counted.
        await new PngEncoder().EncodeAsync(image, Stream.Null);

        // At least the 64 KiB chunk buffer shows up, so the work was counted; far less than the image's 25 MB does.
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeInRange(64 * 1024, 2 * 1024 * 1024, "rows are streamed, not copied");
    }

    [Fact]
    public async Task Honours_cancellation()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var act = () => new PngEncoder().EncodeAsync(TestImages.Varied(10, 10), Stream.Null, cancellationToken: cancelled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }
}
