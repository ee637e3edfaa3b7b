namespace GemPix.Imaging;

/// <summary>
/// Which source pixels, with which weights, make up each destination pixel along one axis. Shrinking averages
/// the source pixels each destination pixel covers, in proportion to how much of each it covers (a box filter, so
/// every source pixel counts and none is skipped, unlike nearest neighbour); enlarging interpolates linearly between
/// the two nearest source pixels.
/// </summary>
internal sealed class ResampleAxis
{
    private readonly int[] _starts;
    private readonly float[][] _weights;

    private ResampleAxis(int[] starts, float[][] weights)
    {
        _starts = starts;
        _weights = weights;
    }

    public int Length => _starts.Length;

    /// <summary>The first source index feeding destination index <paramref name="i"/>.</summary>
    public int Start(int i) => _starts[i];

    /// <summary>The weights of consecutive source indexes from <see cref="Start"/>; they sum to 1.</summary>
    public ReadOnlySpan<float> Weights(int i) => _weights[i];

    public static ResampleAxis Create(int sourceLength, int destinationLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(destinationLength);
        var starts = new int[destinationLength];
        var weights = new float[destinationLength][];
        var scale = (double)sourceLength / destinationLength;
        for (var i = 0; i < destinationLength; i++)
        {
            (starts[i], weights[i]) = destinationLength < sourceLength ? Box(i, scale, sourceLength) : Linear(i, scale, sourceLength);
        }

        return new ResampleAxis(starts, weights);
    }

    private static (int Start, float[] Weights) Box(int i, double scale, int sourceLength)
    {
        var from = i * scale;
        var to = Math.Min((i + 1) * scale, sourceLength);
        var first = (int)Math.Floor(from);
        var last = Math.Min((int)Math.Ceiling(to) - 1, sourceLength - 1);
        var weights = new float[last - first + 1];
        for (var j = first; j <= last; j++)
        {
            var covered = Math.Min(j + 1, to) - Math.Max(j, from);
            weights[j - first] = (float)(covered / scale);
        }

        return (first, weights);
    }

    private static (int Start, float[] Weights) Linear(int i, double scale, int sourceLength)
    {
        if (sourceLength == 1)
        {
            return (0, [1f]);
        }

        // Pixel centres line up: destination centre i + 0.5 sits at source position (i + 0.5) * scale.
        var position = Math.Clamp(((i + 0.5) * scale) - 0.5, 0, sourceLength - 1);
        var first = Math.Min((int)Math.Floor(position), sourceLength - 2);

        var fraction = (float)(position - first);
        return (first, [1f - fraction, fraction]);
    }
}
