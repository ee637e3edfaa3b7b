namespace GemPix.Imaging;

/// <summary>
/// The colours of a CPPN image: a gradient of five stops from dark to light around a base hue (one of a few
/// classic harmonies: analogous, complementary, triadic, split-complementary) plus an accent colour. Mapping the
/// network's outputs through a designed gradient, instead of using them as RGB directly, is what keeps the images
/// from being grey mush: every image spans its gradient's full range of lightness.
/// </summary>
internal sealed class CppnPalette
{
    private const int Stops = 5;

    private static readonly float[][] Harmonies =
    [
        [0f, 0.04f, 0.08f, 0.12f, 0.16f],
        [0f, 0.02f, 0.5f, 0.52f, 0.06f],
        [0f, 0.333f, 0.667f, 0.333f, 0f],
        [0f, 0.42f, 0.58f, 0.04f, 0.5f],
    ];

    private readonly float[] _stops;
    private readonly float[] _accent;

    private CppnPalette(float[] stops, float[] accent)
    {
        _stops = stops;
        _accent = accent;
    }

    public static CppnPalette Create(ref SplitMix64 random)
    {
        var baseHue = random.NextUnit();
        var harmony = Harmonies[(int)(random.Next() % (ulong)Harmonies.Length)];
        var saturation = 0.45f + (0.45f * random.NextUnit());
        var stops = new float[Stops * 3];
        for (var i = 0; i < Stops; i++)
        {
            var lightness = 0.1f + (0.8f * i / (Stops - 1)) + random.NextSigned(0.05f);
            var stopSaturation = Math.Clamp(saturation + random.NextSigned(0.15f), 0.2f, 1f);
            HslToRgb(baseHue + harmony[i] + random.NextSigned(0.02f), stopSaturation, lightness, stops.AsSpan(i * 3, 3));
        }

        var accent = new float[3];
        HslToRgb(baseHue + 0.5f + random.NextSigned(0.08f), 0.85f, 0.55f + random.NextSigned(0.1f), accent);
        return new CppnPalette(stops, accent);
    }

    /// <summary>
    /// The colour (0 to 255 per channel) at gradient position <paramref name="position"/>, lightened or darkened by
    /// <paramref name="shade"/> and pulled toward the accent where <paramref name="accent"/> is near 1; all three in [0, 1].
    /// </summary>
    public void Colour(float position, float shade, float accent, Span<float> rgb)
    {
        var scaled = position * (Stops - 1);
        var index = Math.Min((int)scaled, Stops - 2);
        var fraction = scaled - index;
        var light = 0.7f + (0.6f * shade);
        var accentWeight = 0.75f * SmoothStep(0.7f, 1f, accent);
        for (var c = 0; c < 3; c++)
        {
            var colour = _stops[(index * 3) + c] + ((_stops[((index + 1) * 3) + c] - _stops[(index * 3) + c]) * fraction);
            colour = Math.Clamp(colour * light, 0f, 1f);
            colour += (_accent[c] - colour) * accentWeight;
            rgb[c] = colour * 255f;
        }
    }

    private static float SmoothStep(float from, float to, float value)
    {
        var t = Math.Clamp((value - from) / (to - from), 0f, 1f);
        return t * t * (3f - (2f * t));
    }

    private static void HslToRgb(float hue, float saturation, float lightness, Span<float> rgb)
    {
        hue -= MathF.Floor(hue);
        lightness = Math.Clamp(lightness, 0f, 1f);
        var chroma = (1f - Math.Abs((2f * lightness) - 1f)) * saturation;
        var sector = hue * 6f;
        var second = chroma * (1f - Math.Abs((sector % 2f) - 1f));
        var (r, g, b) = (int)sector switch
        {
            0 => (chroma, second, 0f),
            1 => (second, chroma, 0f),
            2 => (0f, chroma, second),
            3 => (0f, second, chroma),
            4 => (second, 0f, chroma),
            _ => (chroma, 0f, second),
        };
        var match = lightness - (chroma / 2f);
        rgb[0] = r + match;
        rgb[1] = g + match;
        rgb[2] = b + match;
    }
}
