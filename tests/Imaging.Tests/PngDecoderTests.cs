using System.IO.Compression;

namespace GemPix.Imaging.Tests;

public sealed class PngDecoderTests
{
    private readonly PngDecoder _decoder = new();

    [Fact]
    public void Reads_8_bit_greyscale()
    {
        var rows = Rows(6, 3, (x, y) => [(byte)((x * 40) + y)]);

        var image = _decoder.Decode(new HandMadePng(6, 3, 8, 0).Build(rows));

        PixelAt(image, 5, 2).Should().Equal(202, 202, 202);
        PixelAt(image, 0, 1).Should().Equal(1, 1, 1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Reads_low_bit_depth_greyscale_with_a_partial_last_byte(int depth)
    {
        const int width = 11;
        var max = (1 << depth) - 1;
        var samples = Enumerable.Range(0, width * 5).Select(i => (i * 7) % (max + 1)).ToArray();
        var png = new HandMadePng(width, 5, (byte)depth, 0).Build(PackRows(samples, width, 5, depth));

        var image = _decoder.Decode(png);

        for (var i = 0; i < samples.Length; i++)
        {
            image.Pixels[i * 3].Should().Be((byte)(samples[i] * 255 / max), $"pixel {i} has sample {samples[i]} of {depth} bits");
        }
    }

    [Fact]
    public void Reads_16_bit_greyscale_rounded_to_8_bits()
    {
        var values = new[] { 0, 65535, 32896, 257 * 100, 128 };
        var rows = new[] { values.SelectMany(v => new[] { (byte)(v >> 8), (byte)v }).ToArray() };

        var image = _decoder.Decode(new HandMadePng(5, 1, 16, 0).Build(rows));

        image.Pixels.ToArray().Where((_, i) => i % 3 == 0).Should().Equal(0, 255, 128, 100, 0);
    }

    [Fact]
    public void Composites_greyscale_with_alpha_on_white()
    {
        var rows = new[] { new byte[] { 0, 255, 0, 0, 0, 128, 200, 255 } };

        var image = _decoder.Decode(new HandMadePng(4, 1, 8, 4).Build(rows));

        image.Pixels.ToArray().Should().Equal(0, 0, 0, 255, 255, 255, 127, 127, 127, 200, 200, 200);
    }

    [Fact]
    public void Reads_16_bit_rgb_and_rgba()
    {
        var rgb = new[] { new byte[] { 0xFF, 0xFF, 0x80, 0x00, 0x00, 0x00 } };
        var rgba = new[] { new byte[] { 0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF } };

        _decoder.Decode(new HandMadePng(1, 1, 16, 2).Build(rgb)).Pixels.ToArray().Should().Equal(255, 128, 0);
        _decoder.Decode(new HandMadePng(2, 1, 16, 6).Build(rgba)).Pixels.ToArray().Should().Equal(255, 255, 255, 0, 0, 0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void Reads_palette_images_with_palette_alpha(int depth)
    {
        var entries = 1 << depth;
        var plte = Enumerable.Range(0, entries).SelectMany(i => new[] { (byte)(i * 3), (byte)(255 - i), (byte)(i * 255 / (entries - 1)) }).ToArray();
        var trns = new byte[] { 0 }; // entry 0 fully transparent, the rest opaque
        var samples = Enumerable.Range(0, 9 * 4).Select(i => (i * 5) % entries).ToArray();
        var png = new HandMadePng(9, 4, (byte)depth, 3).With("PLTE", plte).With("tRNS", trns).Build(PackRows(samples, 9, 4, depth));

        var image = _decoder.Decode(png);

        for (var i = 0; i < samples.Length; i++)
        {
            var expected = samples[i] == 0 ? new byte[] { 255, 255, 255 } : plte.AsSpan(samples[i] * 3, 3).ToArray();
            image.Pixels.Slice(i * 3, 3).ToArray().Should().Equal(expected, $"pixel {i} uses entry {samples[i]}");
        }
    }

    [Fact]
    public void Makes_the_trns_key_colour_white_in_greyscale_and_rgb()
    {
        var grey = new HandMadePng(3, 1, 8, 0).With("tRNS", [0, 50]).Build([[10, 50, 90]]);
        var rgb = new HandMadePng(2, 1, 8, 2).With("tRNS", [0, 1, 0, 2, 0, 3]).Build([[1, 2, 3, 1, 2, 4]]);

        _decoder.Decode(grey).Pixels.ToArray().Should().Equal(10, 10, 10, 255, 255, 255, 90, 90, 90);
        _decoder.Decode(rgb).Pixels.ToArray().Should().Equal(255, 255, 255, 1, 2, 4);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Reverses_each_filter_type(byte filter)
    {
        var expected = TestImages.Varied(13, 9, seed: filter);
        var rows = Enumerable.Range(0, 9).Select(y => expected.Row(y).ToArray()).ToArray();

        var image = _decoder.Decode(new HandMadePng(13, 9, 8, 2).Build(rows, _ => filter));

        image.Pixels.SequenceEqual(expected.Pixels).Should().BeTrue();
    }

    [Fact]
    public void Reads_image_data_split_over_many_idat_chunks()
    {
        var expected = TestImages.Varied(8, 8);
        var png = new PngEncoder().Encode(expected);
        var chunks = PngChunkList.Parse(png);
        var data = chunks.Chunks.Single(c => c.Type == "IDAT").Data;
        var split = chunks.Chunks.TakeWhile(c => c.Type != "IDAT")
            .Concat(data.Select(b => ("IDAT", new[] { b })))
            .Append(("IDAT", Array.Empty<byte>()))
            .Concat(chunks.Chunks.SkipWhile(c => c.Type != "IEND"))
            .ToList();

        _decoder.Decode(new PngChunkList(split).ToBytes()).Pixels.SequenceEqual(expected.Pixels).Should().BeTrue();
    }

    [Fact]
    public void Reads_from_a_stream_up_to_iend_and_no_further()
    {
        var png = new PngEncoder().Encode(TestImages.Varied(5, 5));
        using var stream = new MemoryStream([.. png, .. "trailing"u8.ToArray()]);

        _decoder.Decode(stream);

        stream.Position.Should().Be(png.Length);
    }

    [Fact]
    public void Skips_unknown_ancillary_chunks()
    {
        var png = PngChunkList.Parse(new PngEncoder().Encode(TestImages.Varied(4, 4))).InsertedBefore("IDAT", "prVt", [1, 2, 3]).ToBytes();

        _decoder.Decode(png).Width.Should().Be(4);
    }

    [Theory]
    [InlineData("IHDR")]
    [InlineData("IDAT")]
    [InlineData("IEND")]
    [InlineData("tEXt")]
    public void Refuses_a_chunk_whose_crc_does_not_match(string type)
    {
        var png = PngChunkList.Parse(new PngEncoder().Encode(TestImages.Varied(6, 6)))
            .InsertedBefore("IDAT", "tEXt", "Comment\0hi"u8.ToArray())
            .ToBytes();
        var offset = OffsetOfChunk(png, type);
        png[CrcOffset(png, offset)] ^= 0x01;

        var act = () => _decoder.Decode(png);

        act.Should().Throw<ImageDecodeException>().WithMessage($"*CRC*{type}*");
    }

    // The decompressor may meet the damage before the chunk's end, where its CRC is checked: either way it is corruption.
    [Fact]
    public void Refuses_a_flipped_bit_in_the_pixel_data()
    {
        var png = new PngEncoder().Encode(TestImages.Varied(6, 6));
        png[OffsetOfChunk(png, "IDAT") + 10] ^= 0x10;

        var act = () => _decoder.Decode(png);

        act.Should().Throw<ImageDecodeException>().WithMessage("*corrupted*");
    }

    [Fact]
    public void Refuses_every_truncation()
    {
        var png = new PngEncoder().Encode(TestImages.Varied(7, 5), [new PngText("Comment", "a little text")]);

        for (var length = 0; length < png.Length; length++)
        {
            var act = () => _decoder.Decode(png.AsSpan(0, length));
            act.Should().Throw<ImageDecodeException>($"the file is cut at {length} of {png.Length} bytes");
        }
    }

    [Fact]
    public void Refuses_image_data_that_ends_before_the_last_row()
    {
        var full = new HandMadePng(4, 4, 8, 0).Build(Rows(4, 4, (x, y) => [(byte)x]));
        var chunks = PngChunkList.Parse(full);
        var idat = new HandMadePng(4, 2, 8, 0).Build(Rows(4, 2, (x, y) => [(byte)x]));
        var shortData = PngChunkList.Parse(idat).Chunks.Single(c => c.Type == "IDAT").Data;

        var act = () => _decoder.Decode(chunks.Replaced("IDAT", _ => shortData).ToBytes());

        act.Should().Throw<ImageDecodeException>().WithMessage("*ends before the last row*");
    }

    [Fact]
    public void Refuses_too_many_pixels_before_inflating_anything()
    {
        var header = new HandMadePng(50_000, 50_000, 8, 2).Header();
        // The image data is not even valid zlib: the decoder must stop at the header.
        var png = new PngChunkList([("IHDR", header), ("IDAT", [1, 2, 3]), ("IEND", [])]).ToBytes();

        var act = () => _decoder.Decode(png);

        act.Should().Throw<ImageDecodeException>().WithMessage("*50000×50000*limit*");
    }

    [Fact]
    public void Applies_the_pixel_limit_it_is_given()
    {
        var png = new PngEncoder().Encode(TestImages.Varied(100, 100));

        new PngDecoder(maxPixels: 10_000).Decode(png).Width.Should().Be(100);
        var act = () => new PngDecoder(maxPixels: 9_999).Decode(png);
        act.Should().Throw<ImageDecodeException>().WithMessage("*limit of 9999*");
    }

    [Fact]
    public void Inflates_no_more_than_the_header_promises()
    {
        // 4×4 greyscale needs 20 bytes; the stream inflates to 64 MiB of zero rows (filter None, black).
        byte[] bomb;
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize))
            {
                var zeros = new byte[1024 * 1024];
                for (var i = 0; i < 64; i++)
                {
                    zlib.Write(zeros);
                }
            }

            bomb = compressed.ToArray();
        }

        var png = new PngChunkList([("IHDR", new HandMadePng(4, 4, 8, 0).Header()), ("IDAT", bomb), ("IEND", [])]).ToBytes();
        var before = GC.GetAllocatedBytesForCurrentThread();

        var image = _decoder.Decode(png);

        image.Pixels.ToArray().Should().OnlyContain(b => b == 0);
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(4 * 1024 * 1024);
    }

    [Fact]
    public void Refuses_adam7_interlacing_clearly()
    {
        var png = new HandMadePng(4, 4, 8, 0) { Interlaced = true }.Build(Rows(4, 4, (x, y) => [0]));

        var act = () => _decoder.Decode(png);

        act.Should().Throw<ImageDecodeException>().WithMessage("*interlaced*");
    }

    [Theory]
    [InlineData(2, 16, 3, "*colour type 3 with bit depth 16*")]
    [InlineData(0, 16, 2, "*impossible dimensions*")]
    public void Refuses_an_impossible_header(int width, byte depth, byte colorType, string message)
    {
        var png = new PngChunkList([("IHDR", new HandMadePng(width, 1, depth, colorType).Header()), ("IEND", [])]).ToBytes();

        var act = () => _decoder.Decode(png);

        act.Should().Throw<ImageDecodeException>().WithMessage(message);
    }

    [Fact]
    public void Refuses_what_is_not_a_png()
    {
        var act = () => _decoder.Decode("GIF89a and more"u8);

        act.Should().Throw<ImageDecodeException>().WithMessage("*signature*");
    }

    [Fact]
    public void Refuses_bad_structure()
    {
        var rows = Rows(2, 2, (x, y) => [(byte)x]);
        var good = PngChunkList.Parse(new HandMadePng(2, 2, 8, 0).Build(rows));
        var idat = good.Chunks.Single(c => c.Type == "IDAT");

        Refused(good.InsertedBefore("IDAT", "CRIT", [0]), "*critical chunk CRIT*");
        Refused(good.Without("IDAT"), "*no IDAT*");
        Refused(good.InsertedBefore("IEND", "tIME", new byte[7]).InsertedBefore("IEND", "IDAT", idat.Data), "*not consecutive*");
        Refused(new PngChunkList(good.Chunks.Skip(1).Prepend(good.Chunks[0]).Reverse().ToList()), "*IHDR*");
        Refused(PngChunkList.Parse(new HandMadePng(2, 2, 8, 3).Build(rows)), "*no PLTE*");
        Refused(PngChunkList.Parse(new HandMadePng(2, 2, 8, 3).With("PLTE", [1, 2, 3]).Build(rows)), "*palette entry 1*");
        Refused(PngChunkList.Parse(new HandMadePng(2, 2, 8, 0).Build(rows, _ => 0)).Replaced("IDAT", _ => StoredZlib.Wrap([9, 0, 0, 0, 0, 0])), "*filter type 9*");
    }

    private void Refused(PngChunkList png, string message)
    {
        var act = () => _decoder.Decode(png.ToBytes());
        act.Should().Throw<ImageDecodeException>().WithMessage(message);
    }

    private static byte[] PixelAt(RgbImage image, int x, int y) => image.Row(y).Slice(x * 3, 3).ToArray();

    private static byte[][] Rows(int width, int height, Func<int, int, byte[]> pixel) =>
        Enumerable.Range(0, height).Select(y => Enumerable.Range(0, width).SelectMany(x => pixel(x, y)).ToArray()).ToArray();

    /// <summary>Packs samples of fewer than 8 bits into rows, most significant bits first, padding each row to a byte.</summary>
    private static byte[][] PackRows(int[] samples, int width, int height, int depth)
    {
        var rows = new byte[height][];
        for (var y = 0; y < height; y++)
        {
            rows[y] = new byte[((width * depth) + 7) / 8];
            for (var x = 0; x < width; x++)
            {
                var bit = x * depth;
                rows[y][bit / 8] |= (byte)(samples[(y * width) + x] << (8 - depth - (bit % 8)));
            }
        }

        return rows;
    }

    private static int OffsetOfChunk(byte[] png, string type)
    {
        var offset = 8;
        while (System.Text.Encoding.ASCII.GetString(png, offset + 4, 4) != type)
        {
            offset += 12 + System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
        }

        return offset;
    }

    private static int CrcOffset(byte[] png, int chunkOffset) =>
        chunkOffset + 8 + System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(chunkOffset));
}
