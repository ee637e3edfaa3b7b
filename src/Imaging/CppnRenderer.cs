namespace GemPix.Imaging;

/// <summary>
/// Renders a <see cref="CppnGenome"/> at a given size: for every pixel, features of its position (and of the
/// reference, when there is one) go through the network, the outputs are stretched by the image's
/// <see cref="OutputRange"/> and coloured by the palette. Rows are rendered in parallel; each pixel depends only on
/// its own coordinates, so the result does not depend on which thread renders which row.
/// </summary>
internal sealed class CppnRenderer(CppnGenome genome, ReferenceGuide? reference, int width, int height)
{
    /// <summary>Grid points per side for measuring the output range: enough for stable percentiles, cheap at any size.</summary>
    private const int RangeGrid = 48;

    /// <summary>How much of the final colour is the reference's, when there is one.</summary>
    private const float ReferenceColourWeight = 0.5f;

    /// <summary>How much of the final brightness is the reference's, when there is one: its composition shows through.</summary>
    private const float ReferenceLumaWeight = 0.75f;

    // Coordinates are scaled by the shorter side, so the picture keeps its shape at any size or aspect ratio.
    private readonly float _unit = 2f / Math.Min(width, height);

    public async Task<RgbImage> RenderAsync(CancellationToken cancellationToken)
    {
        var range = MeasureRange();
        var pixels = new byte[width * height * RgbImage.Channels];
        await ParallelRows.RunAsync(
            height,
            () => y => RenderRow(y, range, pixels.AsSpan(y * width * RgbImage.Channels, width * RgbImage.Channels)),
            cancellationToken).ConfigureAwait(false);
        return new RgbImage(width, height, pixels);
    }

    private void RenderRow(int y, OutputRange range, Span<byte> row)
    {
        Span<float> inputs = stackalloc float[CppnNetwork.Inputs];
        Span<float> outputs = stackalloc float[CppnNetwork.Outputs];
        Span<float> colour = stackalloc float[3];
        Span<float> guide = stackalloc float[3];
        for (var x = 0; x < width; x++)
        {
            Features(x, y, inputs);
            genome.Network.Evaluate(inputs, outputs);
            genome.Palette.Colour(range.Normalise(0, outputs[0]), range.Normalise(1, outputs[1]), range.Normalise(2, outputs[2]), colour);
            if (reference is not null)
            {
                reference.Colour(x, y, guide);
                FollowReference(colour, guide);
            }

            for (var c = 0; c < 3; c++)
            {
                row[(x * 3) + c] = (byte)Math.Clamp((int)(colour[c] + 0.5f), 0, 255);
            }
        }
    }

    /// <summary>
    /// Blends the CPPN colour with the reference's, then shifts its brightness most of the way to the reference's:
    /// the reference's composition (its light and dark areas, its edges) survives, the CPPN adds colour and texture.
    /// </summary>
    private static void FollowReference(Span<float> colour, ReadOnlySpan<float> guide)
    {
        var ownLuma = Luma(colour);
        for (var c = 0; c < 3; c++)
        {
            colour[c] += (guide[c] - colour[c]) * ReferenceColourWeight;
        }

        var target = (ReferenceLumaWeight * Luma(guide)) + ((1f - ReferenceLumaWeight) * ownLuma);
        var shift = target - Luma(colour);
        for (var c = 0; c < 3; c++)
        {
            colour[c] += shift;
        }
    }

    private static float Luma(ReadOnlySpan<float> rgb) => (0.299f * rgb[0]) + (0.587f * rgb[1]) + (0.114f * rgb[2]);

    private void Features(int px, int py, Span<float> inputs)
    {
        var x = ((((px + 0.5f) - (width * 0.5f)) * _unit) * genome.Zoom) + genome.CentreX;
        var y = ((((py + 0.5f) - (height * 0.5f)) * _unit) * genome.Zoom) + genome.CentreY;
        inputs[0] = x;
        inputs[1] = y;
        inputs[2] = MathF.Sqrt((x * x) + (y * y)); // square root is exactly rounded by IEEE 754, like + and ×
        var fourier = genome.Fourier;
        for (var i = 0; i < CppnGenome.FourierFeatures; i++)
        {
            inputs[3 + i] = DeterministicMath.Sin((fourier[i * 3] * x) + (fourier[(i * 3) + 1] * y) + fourier[(i * 3) + 2]);
        }

        if (reference is null)
        {
            inputs[7] = 0f;
            inputs[8] = 0f;
        }
        else
        {
            inputs[7] = (reference.Luma(px, py) * 2f) - 1f;
            inputs[8] = reference.Edge(px, py);
        }
    }

    private OutputRange MeasureRange()
    {
        var samples = new float[RangeGrid * RangeGrid * CppnNetwork.Outputs];
        Span<float> inputs = stackalloc float[CppnNetwork.Inputs];
        for (var gy = 0; gy < RangeGrid; gy++)
        {
            for (var gx = 0; gx < RangeGrid; gx++)
            {
                // Grid points land on real pixels, so the reference inputs are sampled exactly as when rendering.
                var px = (int)((gx + 0.5f) * width / RangeGrid);
                var py = (int)((gy + 0.5f) * height / RangeGrid);
                Features(px, py, inputs);
                genome.Network.Evaluate(inputs, samples.AsSpan(((gy * RangeGrid) + gx) * CppnNetwork.Outputs, CppnNetwork.Outputs));
            }
        }

        return OutputRange.Measure(samples, CppnNetwork.Outputs);
    }
}
