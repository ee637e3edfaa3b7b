using System.Text;
using System.Text.Json;
using NodaTime;

namespace GemPix.Imaging.Tests;

public sealed class ProvenanceManifestTests
{
    private static readonly ProvenanceManifest Manifest = new(
        "gempix-cppn", "1", Guid.Parse("3f2b8c1e-5d4a-4e6b-9c7d-2a1b0e9f8d7c"), Instant.FromUtc(2026, 11, 22, 10, 15, 30));

    [Fact]
    public void Is_json_with_fixed_fields_and_no_personal_data()
    {
        Manifest.ToJson().Should().Be(
            """{"generator":"GemPix","modelName":"gempix-cppn","modelVersion":"1","generationId":"3f2b8c1e-5d4a-4e6b-9c7d-2a1b0e9f8d7c","createdAt":"2026-11-22T10:15:30Z","digitalSourceType":"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"}""");
        using var document = JsonDocument.Parse(Manifest.ToJson());
        document.RootElement.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "generator", "modelName", "modelVersion", "generationId", "createdAt", "digitalSourceType");
    }

    [Fact]
    public void Travels_in_a_png_and_is_found_again()
    {
        var png = new PngEncoder().Encode(TestImages.Varied(16, 16), [Manifest.ToPngText()]);

        ProvenanceManifest.TryRead(png, out var fromBytes).Should().BeTrue();
        fromBytes.Should().Be(Manifest);
        using var stream = new MemoryStream(png);
        ProvenanceManifest.TryRead(stream, out var fromStream).Should().BeTrue();
        fromStream.Should().Be(Manifest);
        PngChunkList.Parse(png).Chunks.Should().ContainSingle(c => c.Type == "iTXt");
    }

    [Fact]
    public void Keeps_a_fraction_of_a_second()
    {
        var precise = new ProvenanceManifest("m", "v", Guid.NewGuid(), Instant.FromUnixTimeTicks(17_000_000_001_234_567));

        ProvenanceManifest.TryParse(precise.ToJson(), out var parsed).Should().BeTrue();
        parsed!.CreatedAt.Should().Be(precise.CreatedAt);
    }

    [Fact]
    public void Is_absent_once_ancillary_chunks_are_stripped()
    {
        var png = new PngEncoder().Encode(TestImages.Varied(16, 16), [Manifest.ToPngText()]);

        var stripped = PngChunkList.Parse(png).WithoutAncillaryChunks().ToBytes();

        ProvenanceManifest.TryRead(stripped, out var manifest).Should().BeFalse();
        manifest.Should().BeNull();
        new PngDecoder().Decode(stripped).Pixels.SequenceEqual(TestImages.Varied(16, 16).Pixels).Should().BeTrue();
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[]")]
    [InlineData("""{"generator":"GemPix"}""")]
    [InlineData("""{"generator":"Other","modelName":"m","modelVersion":"1","generationId":"3f2b8c1e-5d4a-4e6b-9c7d-2a1b0e9f8d7c","createdAt":"2026-11-22T10:15:30Z","digitalSourceType":"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"}""")]
    [InlineData("""{"generator":"GemPix","modelName":"m","modelVersion":"1","generationId":"not-a-guid","createdAt":"2026-11-22T10:15:30Z","digitalSourceType":"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"}""")]
    [InlineData("""{"generator":"GemPix","modelName":"m","modelVersion":"1","generationId":"3f2b8c1e-5d4a-4e6b-9c7d-2a1b0e9f8d7c","createdAt":"yesterday","digitalSourceType":"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"}""")]
    [InlineData("""{"generator":"GemPix","modelName":"m","modelVersion":"1","generationId":"3f2b8c1e-5d4a-4e6b-9c7d-2a1b0e9f8d7c","createdAt":"2026-11-22T10:15:30Z","digitalSourceType":"http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture"}""")]
    [InlineData("""{"generator":"GemPix","modelName":"","modelVersion":"1","generationId":"3f2b8c1e-5d4a-4e6b-9c7d-2a1b0e9f8d7c","createdAt":"2026-11-22T10:15:30Z","digitalSourceType":"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"}""")]
    public void Reads_tampered_or_invalid_json_as_absent(string json)
    {
        var png = PngChunkList.Parse(new PngEncoder().Encode(TestImages.Varied(4, 4), [Manifest.ToPngText()]))
            .Replaced("iTXt", data => [.. data.AsSpan(0, data.Length - Encoding.UTF8.GetByteCount(Manifest.ToJson())), .. Encoding.UTF8.GetBytes(json)])
            .ToBytes();

        ProvenanceManifest.TryRead(png, out var manifest).Should().BeFalse();
        manifest.Should().BeNull();
    }

    [Fact]
    public void Reads_a_corrupted_chunk_or_file_as_absent_without_throwing()
    {
        var png = new PngEncoder().Encode(TestImages.Varied(4, 4), [Manifest.ToPngText()]);
        var damaged = (byte[])png.Clone();
        damaged[60] ^= 0x20; // inside the iTXt data, so its CRC no longer matches

        ProvenanceManifest.TryRead(damaged, out _).Should().BeFalse();
        ProvenanceManifest.TryRead(png.AsSpan(0, png.Length / 2), out _).Should().BeFalse();
        ProvenanceManifest.TryRead("not a png"u8, out _).Should().BeFalse();
    }

    [Fact]
    public void Trusts_neither_of_two_manifests()
    {
        var other = Manifest with { };
        var png = new PngEncoder().Encode(TestImages.Varied(4, 4), [Manifest.ToPngText(), other.ToPngText()]);

        ProvenanceManifest.TryRead(png, out _).Should().BeFalse();
    }

    [Fact]
    public void Refuses_an_empty_or_oversized_model_name()
    {
        var empty = () => new ProvenanceManifest(" ", "1", Guid.NewGuid(), Instant.FromUnixTimeSeconds(0));
        var oversized = () => new ProvenanceManifest(new string('m', 65), "1", Guid.NewGuid(), Instant.FromUnixTimeSeconds(0));

        empty.Should().Throw<ArgumentException>();
        oversized.Should().Throw<ArgumentException>();
    }
}
