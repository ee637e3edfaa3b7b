using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace GemPix.Imaging;

/// <summary>
/// What GemPix states about an image it generated: that it is machine-generated (IPTC digital source type
/// <c>trainedAlgorithmicMedia</c>), by which model, when, and under which generation id. It holds no personal data:
/// no prompt, no account or subject id, since the file leaves our control and erasure could not reach it. It travels
/// as JSON in an uncompressed iTXt chunk with keyword <see cref="Keyword"/>.
/// </summary>
/// <remarks>
/// The manifest is a label, not a proof: anyone can strip or rewrite it. Reading is lenient for that reason: a
/// manifest that is missing, malformed or altered into something we would not have written reads as absent.
/// </remarks>
public sealed record ProvenanceManifest
{
    public const string Keyword = "gempix:provenance";

    public const string GeneratorName = "GemPix";

    public const string TrainedAlgorithmicMedia = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";

    /// <summary>Longest model name or version accepted: enough for any real one, too short to smuggle a prompt in.</summary>
    public const int MaxModelFieldLength = 64;

    private static readonly InstantPattern InstantFormat = InstantPattern.ExtendedIso;

    public ProvenanceManifest(string modelName, string modelVersion, Guid generationId, Instant createdAt)
    {
        if (!IsModelField(modelName))
        {
            throw new ArgumentException($"A model name is 1 to {MaxModelFieldLength} characters.", nameof(modelName));
        }

        if (!IsModelField(modelVersion))
        {
            throw new ArgumentException($"A model version is 1 to {MaxModelFieldLength} characters.", nameof(modelVersion));
        }

        ModelName = modelName;
        ModelVersion = modelVersion;
        GenerationId = generationId;
        CreatedAt = createdAt;
    }

    public string Generator => GeneratorName;

    public string ModelName { get; }

    public string ModelVersion { get; }

    public Guid GenerationId { get; }

    public Instant CreatedAt { get; }

    public string DigitalSourceType => TrainedAlgorithmicMedia;

    /// <summary>The JSON form, with the fields in a fixed order.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("generator", Generator);
            json.WriteString("modelName", ModelName);
            json.WriteString("modelVersion", ModelVersion);
            json.WriteString("generationId", GenerationId.ToString("D"));
            json.WriteString("createdAt", InstantFormat.Format(CreatedAt));
            json.WriteString("digitalSourceType", DigitalSourceType);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The chunk text to hand to <see cref="PngEncoder"/>.</summary>
    public PngText ToPngText() => new(Keyword, ToJson());

    /// <summary>Reads a manifest's JSON; anything but one we could have written gives false.</summary>
    public static bool TryParse(string json, [NotNullWhen(true)] out ProvenanceManifest? manifest)
    {
        ArgumentNullException.ThrowIfNull(json);
        manifest = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || Text(root, "generator") != GeneratorName
                || Text(root, "digitalSourceType") != TrainedAlgorithmicMedia
                || Text(root, "modelName") is not { } modelName || !IsModelField(modelName)
                || Text(root, "modelVersion") is not { } modelVersion || !IsModelField(modelVersion)
                || !Guid.TryParseExact(Text(root, "generationId"), "D", out var generationId)
                || Text(root, "createdAt") is not { } createdAt || InstantFormat.Parse(createdAt) is not { Success: true } instant)
            {
                return false;
            }

            manifest = new ProvenanceManifest(modelName, modelVersion, generationId, instant.Value);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Finds the manifest in a PNG. A PNG without one, with an unreadable one, or that is not a valid PNG gives false.</summary>
    public static bool TryRead(ReadOnlySpan<byte> png, [NotNullWhen(true)] out ProvenanceManifest? manifest)
    {
        using var stream = new MemoryStream(png.ToArray(), writable: false);
        return TryRead(stream, out manifest);
    }

    /// <inheritdoc cref="TryRead(ReadOnlySpan{byte}, out ProvenanceManifest)"/>
    public static bool TryRead(Stream png, [NotNullWhen(true)] out ProvenanceManifest? manifest)
    {
        ArgumentNullException.ThrowIfNull(png);
        manifest = null;
        IReadOnlyList<PngText> texts;
        try
        {
            texts = PngDecoder.ReadText(png);
        }
        catch (ImageDecodeException)
        {
            return false;
        }

        // Two manifests would leave us guessing which one is genuine: neither is trusted.
        var candidates = texts.Where(t => t.Keyword == Keyword).ToList();
        return candidates.Count == 1 && TryParse(candidates[0].Text, out manifest);
    }

    private static bool IsModelField(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= MaxModelFieldLength && !value.Any(char.IsControl);

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
