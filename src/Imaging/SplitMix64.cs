namespace GemPix.Imaging;

/// <summary>
/// Steele, Lea and Flood's SplitMix64 generator: tiny, fast, and fully specified, so a seed gives the same numbers
/// on every machine and runtime version (which <see cref="Random"/> does not promise).
/// </summary>
internal struct SplitMix64(ulong state)
{
    private ulong _state = state;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15ul;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ul;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBul;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1), from the top 24 bits: exactly representable as a float.</summary>
    public float NextUnit() => (Next() >> 40) * (1f / (1 << 24));

    /// <summary>Uniform in [-<paramref name="magnitude"/>, <paramref name="magnitude"/>).</summary>
    public float NextSigned(float magnitude) => ((NextUnit() * 2f) - 1f) * magnitude;

    /// <summary>
    /// Roughly normal with mean 0 and the given standard deviation: the sum of four uniforms (Irwin–Hall), which needs
    /// no logarithm or cosine and so no platform maths library.
    /// </summary>
    public float NextBell(float deviation)
    {
        var sum = NextUnit() + NextUnit() + NextUnit() + NextUnit() - 2f;
        // The sum of four uniforms on [0, 1) has variance 4/12; scale it to unit variance.
        return sum * 1.7320508f * deviation;
    }
}
