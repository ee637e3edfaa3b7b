namespace GemPix.Imaging.Tests;

public sealed class DifferenceHashTests
{
    [Fact]
    public void Is_unchanged_by_re_encoding_and_stripping_metadata()
    {
        var image = TestImages.Scene(320, 240, seed: 1);
        var png = new PngEncoder().Encode(image, [new PngText("Comment", "metadata")]);
        var stripped = PngChunkList.Parse(png).WithoutAncillaryChunks().ToBytes();
        var reencoded = new PngEncoder(new PngEncoderOptions { Filter = PngFilterMode.Paeth }).Encode(new PngDecoder().Decode(stripped));

        DifferenceHash.Compute(new PngDecoder().Decode(reencoded)).DistanceTo(DifferenceHash.Compute(image)).Should().Be(0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Moves_little_when_the_image_is_halved(int seed)
    {
        var image = TestImages.Scene(400, 300, seed);

        var distance = DifferenceHash.Compute(image).DistanceTo(DifferenceHash.Compute(TestImages.HalfSize(image)));

        distance.Should().BeLessThanOrEqualTo(6);
    }

    [Fact]
    public void Tells_different_pictures_apart()
    {
        var hashes = Enumerable.Range(10, 8).Select(seed => DifferenceHash.Compute(TestImages.Scene(160, 120, seed))).ToList();

        var distances = hashes.SelectMany((a, i) => hashes.Skip(i + 1).Select(b => a.DistanceTo(b))).ToList();

        distances.Average().Should().BeGreaterThan(20);
        distances.Should().OnlyContain(d => d >= 10);
    }

    [Fact]
    public void Sets_a_bit_where_the_left_cell_is_brighter()
    {
        var brighterLeft = Gradient(90, 80, x => (byte)(255 - (x * 2)));
        var brighterRight = Gradient(90, 80, x => (byte)(x * 2));

        DifferenceHash.Compute(brighterLeft).ToString().Should().Be("ffffffffffffffff");
        DifferenceHash.Compute(brighterRight).ToString().Should().Be("0000000000000000");
        DifferenceHash.Distance(DifferenceHash.Compute(brighterLeft), DifferenceHash.Compute(brighterRight)).Should().Be(64);
    }

    [Fact]
    public void Averages_every_pixel_rather_than_sampling_some()
    {
        // One thin bright line in each of the five left cells, off their centres and edges: sampling one pixel per cell
        // would see a black image.
        var image = Gradient(90, 16, x => x < 50 && x % 10 == 3 ? (byte)255 : (byte)0);

        var hash = DifferenceHash.Compute(image);

        (hash.Value >> 56).Should().Be(0b0000_1000, "only the fifth cell is brighter than its right neighbour");
    }

    [Fact]
    public void Works_on_images_smaller_than_its_grid()
    {
        DifferenceHash.Compute(RgbImage.Filled(1, 1, 9, 9, 9)).Value.Should().Be(0);
        DifferenceHash.Compute(Gradient(3, 2, x => (byte)(200 - (x * 50)))).Value.Should().NotBe(0);
    }

    [Fact]
    public void Reads_back_its_hex_form()
    {
        var hash = new DifferenceHash(0x0123456789abcdef);

        hash.ToString().Should().Be("0123456789abcdef");
        DifferenceHash.Parse("0123456789ABCDEF").Should().Be(hash);
        DifferenceHash.TryParse("0123", out _).Should().BeFalse();
        DifferenceHash.TryParse("0123456789abcdeg", out _).Should().BeFalse();
        DifferenceHash.TryParse(null, out _).Should().BeFalse();
    }

    private static RgbImage Gradient(int width, int height, Func<int, byte> valueAtColumn)
    {
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < width * height; i++)
        {
            pixels.AsSpan(i * 3, 3).Fill(valueAtColumn(i % width));
        }

        return new RgbImage(width, height, pixels);
    }
}
