using System.Globalization;
using System.Text;
using GemPix.Domain.Text;

namespace GemPix.Domain.Tests.Text;

/// <summary>Against the Unicode Consortium's own conformance file (a sample: normalization-test.txt says which lines).</summary>
public sealed class NormalizationFormCTests
{
    private static IEnumerable<(int Line, string Source, string Nfc, string Nfd)> Vectors()
    {
        using var stream = typeof(NormalizationFormCTests).Assembly.GetManifestResourceStream("GemPix.Domain.Tests.Text.normalization-test.txt")!;
        using var reader = new StreamReader(stream);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.StartsWith('#'))
            {
                continue;
            }

            var columns = line.Split(';').Select(Text).ToArray();
            yield return (number, columns[0], columns[1], columns[2]);
        }
    }

    private static string Text(string codePoints) => string.Concat(
        codePoints.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => new Rune(int.Parse(c, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)).ToString()));

    private static string Hex(string text) => string.Join(' ', text.EnumerateRunes().Select(r => r.Value.ToString("X4", CultureInfo.InvariantCulture)));

    [Fact]
    public void Every_sampled_conformance_line_normalises_as_the_standard_says()
    {
        var wrong = Vectors()
            .Where(v => NormalizationFormC.Normalize(v.Source) != v.Nfc || NormalizationFormC.Normalize(v.Nfd) != v.Nfc || NormalizationFormC.Normalize(v.Nfc) != v.Nfc)
            .Select(v => $"line {v.Line}: {Hex(v.Source)} gave {Hex(NormalizationFormC.Normalize(v.Source))}, expected {Hex(v.Nfc)}")
            .Take(10)
            .ToList();

        Vectors().Count().Should().BeGreaterThan(2000);
        wrong.Should().BeEmpty();
    }

    [Theory]
    [InlineData("Ame\u0301lie", "Am\u00E9lie")]
    [InlineData("\u1100\u1161\u11A8", "\uAC01")]
    [InlineData("a\u0328\u0301", "\u0105\u0301")]
    [InlineData("\u0301a", "\u0301a")]
    [InlineData("\u212B", "\u00C5")]
    [InlineData("plain ASCII", "plain ASCII")]
    [InlineData("", "")]
    public void Known_cases(string text, string expected) =>
        NormalizationFormC.Normalize(text).Should().Be(expected);
}
