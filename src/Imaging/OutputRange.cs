namespace GemPix.Imaging;

/// <summary>
/// Where a network's outputs actually fall over one image (2nd to 98th percentile per output), measured on a coarse
/// grid before rendering, so each output can be stretched to [0, 1]: the contrast step that makes every image use its
/// whole palette whatever scale its network happens to produce.
/// </summary>
internal sealed class OutputRange
{
    private readonly float[] _low;
    private readonly float[] _scale;

    private OutputRange(float[] low, float[] scale)
    {
        _low = low;
        _scale = scale;
    }

    /// <param name="samples">Output vectors, one after another, <paramref name="outputs"/> values each.</param>
    /// <param name="outputs">Values per sample.</param>
    public static OutputRange Measure(float[] samples, int outputs)
    {
        var count = samples.Length / outputs;
        var low = new float[outputs];
        var scale = new float[outputs];
        var values = new float[count];
        for (var o = 0; o < outputs; o++)
        {
            for (var i = 0; i < count; i++)
            {
                values[i] = samples[(i * outputs) + o];
            }

            Array.Sort(values);
            low[o] = values[count * 2 / 100];
            var spread = values[count * 98 / 100] - low[o];
            // A flat output stays flat (mid-range) rather than having noise stretched to full contrast.
            scale[o] = spread > 1e-4f ? 1f / spread : 0f;
        }

        return new OutputRange(low, scale);
    }

    /// <summary>Output <paramref name="output"/>'s value mapped to [0, 1].</summary>
    public float Normalise(int output, float value) =>
        _scale[output] == 0f ? 0.5f : Math.Clamp((value - _low[output]) * _scale[output], 0f, 1f);
}
