using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace GemPix.Imaging;

/// <summary>
/// Everything random about one CPPN image, drawn deterministically. The network's weights come from the seed
/// alone; the latent vector, the Fourier features, the framing and the palette come from a SHA-256 of the
/// normalised prompt and the seed. So one seed gives a family of related structures, and the prompt picks the
/// member, its colours and its rhythm.
/// </summary>
internal sealed class CppnGenome
{
    public const int LatentSize = 12;
    public const int FourierFeatures = 4;

    // Bumped whenever the drawing changes, so that old seeds cannot silently produce new pictures under one version.
    private const string Domain = "gempix-cppn/1";

    private CppnGenome(CppnNetwork network, CppnPalette palette, float[] fourier, float zoom, float centreX, float centreY)
    {
        Network = network;
        Palette = palette;
        Fourier = fourier;
        Zoom = zoom;
        CentreX = centreX;
        CentreY = centreY;
    }

    public CppnNetwork Network { get; }

    public CppnPalette Palette { get; }

    /// <summary>Per feature: x frequency, y frequency, phase.</summary>
    public float[] Fourier { get; }

    public float Zoom { get; }

    public float CentreX { get; }

    public float CentreY { get; }

    public static CppnGenome Create(string prompt, long seed)
    {
        var promptRandom = new SplitMix64(PromptKey(prompt, seed));
        var latent = new float[LatentSize];
        for (var i = 0; i < latent.Length; i++)
        {
            latent[i] = promptRandom.NextBell(1f);
        }

        var fourier = new float[FourierFeatures * 3];
        for (var i = 0; i < FourierFeatures; i++)
        {
            fourier[i * 3] = promptRandom.NextSigned(6f);
            fourier[(i * 3) + 1] = promptRandom.NextSigned(6f);
            fourier[(i * 3) + 2] = promptRandom.NextSigned(3.1415927f);
        }

        var zoom = 0.8f + (1.4f * promptRandom.NextUnit());
        var centreX = promptRandom.NextSigned(0.6f);
        var centreY = promptRandom.NextSigned(0.6f);
        var palette = CppnPalette.Create(ref promptRandom);

        // x, y, r, the Fourier features, the reference's luma and edges: how hard each drives the first layer.
        ReadOnlySpan<float> inputScales = [1.6f, 1.6f, 1.8f, 0.9f, 0.9f, 0.9f, 0.9f, 2.2f, 1.4f];
        var weightRandom = new SplitMix64(unchecked((ulong)seed) ^ 0x6A09E667F3BCC908ul);
        var network = CppnNetwork.Create(ref weightRandom, latent, inputScales);
        return new CppnGenome(network, palette, fourier, zoom, centreX, centreY);
    }

    /// <summary>Trimmed, runs of white space made one space, lower case: "A  Cat " and "a cat" are the same prompt.</summary>
    public static string NormalisePrompt(string prompt)
    {
        var builder = new StringBuilder(prompt.Length);
        foreach (var word in prompt.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(word.ToLowerInvariant());
        }

        return builder.ToString();
    }

    private static ulong PromptKey(string prompt, long seed)
    {
        var text = Encoding.UTF8.GetBytes($"{Domain}\n{NormalisePrompt(prompt)}\n");
        var input = new byte[text.Length + sizeof(long)];
        text.CopyTo(input, 0);
        BinaryPrimitives.WriteInt64LittleEndian(input.AsSpan(text.Length), seed);
        var digest = SHA256.HashData(input);
        ulong key = 0;
        for (var i = 0; i < digest.Length; i += sizeof(ulong))
        {
            key ^= BinaryPrimitives.ReadUInt64LittleEndian(digest.AsSpan(i));
        }

        return key;
    }
}
