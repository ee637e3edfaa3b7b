using System.Text;

namespace GemPix.Imaging.Tests;

public sealed class Crc32Tests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xE8B7BE43u)]
    [InlineData("123456789", 0xCBF43926u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    [InlineData("IEND", 0xAE426082u)]
    public void Matches_the_published_check_values(string text, uint expected) =>
        Crc32.Compute(Encoding.ASCII.GetBytes(text)).Should().Be(expected);

    [Fact]
    public void Agrees_with_the_bitwise_definition_at_every_length_and_split()
    {
        var data = new byte[1000];
        new Random(7).NextBytes(data);
        for (var length = 0; length <= 40; length++)
        {
            Crc32.Compute(data.AsSpan(0, length)).Should().Be(BitwiseCrc32.Compute(data.AsSpan(0, length)));
        }

        var running = Crc32.Append(Crc32.Start, data.AsSpan(0, 333));
        running = Crc32.Append(running, data.AsSpan(333));
        Crc32.Finish(running).Should().Be(BitwiseCrc32.Compute(data));
    }
}
