namespace GemPix.Imaging.Tests;

public sealed class ImageResizerTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 9)]
    [InlineData(9, 1)]
    [InlineData(10, 3)]
    [InlineData(3840, 9)]
    [InlineData(7, 7)]
    [InlineData(300, 1024)]
    public void Weights_along_an_axis_sum_to_one(int source, int destination)
    {
        var axis = ResampleAxis.Create(source, destination);

        for (var i = 0; i < destination; i++)
        {
            var weights = axis.Weights(i).ToArray();
            weights.Sum().Should().BeApproximately(1f, 1e-5f);
            weights.Should().OnlyContain(w => w >= 0);
            axis.Start(i).Should().BeInRange(0, source - weights.Length);
        }
    }

    [Fact]
    public async Task Shrinking_averages_whole_blocks()
    {
        var image = new RgbImage(4, 2, [0, 0, 0, 100, 100, 100, 200, 200, 200, 50, 50, 50, 0, 0, 0, 100, 100, 100, 200, 200, 200, 50, 50, 50]);

        var half = await ImageResizer.ResizeAsync(image, 2, 1, CancellationToken.None);

        half.Pixels.ToArray().Should().Equal(50, 50, 50, 125, 125, 125);
    }

    [Fact]
    public async Task Keeps_a_flat_image_flat_at_any_size()
    {
        var image = RgbImage.Filled(37, 23, 10, 120, 250);

        foreach (var (width, height) in new[] { (5, 3), (37, 23), (100, 71), (1, 1) })
        {
            (await ImageResizer.ResizeAsync(image, width, height, CancellationToken.None)).Pixels.ToArray()
                .Chunk(3).Should().AllSatisfy(p => p.Should().Equal(10, 120, 250));
        }
    }
}
