namespace GemPix.Imaging;

/// <summary>
/// The fixed-weight multilayer perceptron at the heart of <see cref="CppnImageModel"/>: <see cref="Inputs"/> pixel
/// features, three hidden layers of <see cref="Width"/> units, three outputs. Hidden units cycle through tanh
/// (smooth gradients), sine (bands and ripples) and a Gaussian bump (blobs and rings), which is what gives
/// pattern-producing networks their look. The latent vector is constant over an image, so its contribution is
/// folded into the first layer's biases once instead of being multiplied in at every pixel.
/// </summary>
internal sealed class CppnNetwork
{
    public const int Inputs = 9;
    public const int Width = 16;
    public const int Outputs = 3;

    private readonly float[] _inputWeights;
    private readonly float[] _inputBiases;
    private readonly float[] _hiddenWeights1;
    private readonly float[] _hiddenBiases1;
    private readonly float[] _hiddenWeights2;
    private readonly float[] _hiddenBiases2;
    private readonly float[] _outputWeights;

    private CppnNetwork(float[] inputWeights, float[] inputBiases, float[] hiddenWeights1, float[] hiddenBiases1, float[] hiddenWeights2, float[] hiddenBiases2, float[] outputWeights)
    {
        _inputWeights = inputWeights;
        _inputBiases = inputBiases;
        _hiddenWeights1 = hiddenWeights1;
        _hiddenBiases1 = hiddenBiases1;
        _hiddenWeights2 = hiddenWeights2;
        _hiddenBiases2 = hiddenBiases2;
        _outputWeights = outputWeights;
    }

    /// <param name="random">Draws the weights.</param>
    /// <param name="latent">Mixed into the first layer's biases.</param>
    /// <param name="inputScales">How strongly each input feature drives the first layer.</param>
    public static CppnNetwork Create(ref SplitMix64 random, ReadOnlySpan<float> latent, ReadOnlySpan<float> inputScales)
    {
        var inputWeights = new float[Width * Inputs];
        var inputBiases = new float[Width];
        for (var unit = 0; unit < Width; unit++)
        {
            for (var input = 0; input < Inputs; input++)
            {
                inputWeights[(unit * Inputs) + input] = random.NextBell(inputScales[input]);
            }

            var bias = random.NextBell(0.5f);
            foreach (var z in latent)
            {
                bias += random.NextBell(0.6f) * z;
            }

            inputBiases[unit] = bias;
        }

        return new CppnNetwork(
            inputWeights,
            inputBiases,
            Draw(ref random, Width * Width, 1.1f),
            Draw(ref random, Width, 0.5f),
            Draw(ref random, Width * Width, 1.1f),
            Draw(ref random, Width, 0.5f),
            Draw(ref random, Outputs * Width, 1f));
    }

    public void Evaluate(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        Span<float> a = stackalloc float[Width];
        Span<float> b = stackalloc float[Width];
        Layer(_inputWeights, _inputBiases, inputs, a, 0);
        Layer(_hiddenWeights1, _hiddenBiases1, a, b, 1);
        Layer(_hiddenWeights2, _hiddenBiases2, b, a, 2);
        for (var o = 0; o < Outputs; o++)
        {
            var sum = 0f;
            var weights = _outputWeights.AsSpan(o * Width, Width);
            for (var i = 0; i < Width; i++)
            {
                sum += weights[i] * a[i];
            }

            outputs[o] = sum;
        }
    }

    private static void Layer(float[] weights, float[] biases, ReadOnlySpan<float> input, Span<float> output, int layer)
    {
        var fanIn = input.Length;
        for (var unit = 0; unit < Width; unit++)
        {
            var sum = biases[unit];
            var row = weights.AsSpan(unit * fanIn, fanIn);
            for (var i = 0; i < fanIn; i++)
            {
                sum += row[i] * input[i];
            }

            // Each layer starts the cycle at a different activation, so every kind appears at every depth.
            output[unit] = ((unit + layer) % 3) switch
            {
                0 => DeterministicMath.Tanh(sum),
                1 => DeterministicMath.Sin(sum),
                _ => (DeterministicMath.Gaussian(sum) * 2f) - 1f,
            };
        }
    }

    private static float[] Draw(ref SplitMix64 random, int count, float deviation)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = random.NextBell(deviation);
        }

        return values;
    }
}
