using GemPix.Domain.Protection;

namespace GemPix.Benchmarks;

/// <summary>The ~500-byte event of <see cref="BenchPayload"/> with two personal fields: the prompt and an email.</summary>
public sealed record BenchPersonalPayload(Personal<string> Prompt, Personal<string> Email, int Width, int Height, long Seed, string Model)
{
    public const string StoredName = "bench.personal-generation-requested";

    public static BenchPersonalPayload Create(long seed)
    {
        var plain = BenchPayload.Create(seed);
        return new BenchPersonalPayload(plain.Prompt[..400], "someone@example.org", plain.Width, plain.Height, plain.Seed, plain.Model);
    }
}
