namespace GemPix.Imaging;

/// <summary>
/// Sine, tanh and a Gaussian bump built from additions, multiplications, divisions and rounding alone. Those are
/// exactly specified by IEEE 754, whereas <see cref="MathF.Sin(float)"/> and friends come from the platform's maths
/// library and may differ in the last bit between machines; generated images must be byte-identical everywhere.
/// Accuracy is a few parts in a million: plenty for pictures.
/// </summary>
internal static class DeterministicMath
{
    private const float TwoPi = 6.2831855f;
    private const float InverseTwoPi = 0.15915494f;
    private const float Pi = 3.1415927f;
    private const float HalfPi = 1.5707964f;

    public static float Sin(float x)
    {
        x -= MathF.Round(x * InverseTwoPi) * TwoPi;
        // Now in [-π, π]; sin is symmetric about ±π/2, which brings it into [-π/2, π/2].
        if (x > HalfPi)
        {
            x = Pi - x;
        }
        else if (x < -HalfPi)
        {
            x = -Pi - x;
        }

        // Taylor series to x⁹; the first omitted term is under 4e-6 at π/2.
        var x2 = x * x;
        return x * (1f + (x2 * (-1f / 6f + (x2 * (1f / 120f + (x2 * (-1f / 5040f + (x2 * (1f / 362880f)))))))));
    }

    public static float Tanh(float x)
    {
        // A rational approximation that meets ±1 with zero slope at ±3.
        if (x >= 3f)
        {
            return 1f;
        }

        if (x <= -3f)
        {
            return -1f;
        }

        var x2 = x * x;
        return x * (27f + x2) / (27f + (9f * x2));
    }

    /// <summary>Approximately e^(-x²): (1 + x²/16)^-16, by four squarings.</summary>
    public static float Gaussian(float x)
    {
        var b = 1f + (x * x * (1f / 16f));
        b *= b;
        b *= b;
        b *= b;
        b *= b;
        return 1f / b;
    }
}
