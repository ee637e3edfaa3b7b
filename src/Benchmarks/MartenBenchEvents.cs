using GemPix.Domain.Protection;

namespace GemPix.Benchmarks;

/// <summary>
/// The ~500-byte event of <see cref="BenchPersonalPayload"/> as Marten stores it, with its subject: protected by
/// GemPix (two personal fields) or plain, the same values either way.
/// </summary>
public sealed record MartenProtectedBenchEvent(Guid SubjectId, Personal<string> Prompt, Personal<string> Email, int Width, int Height, long Seed, string Model);

/// <summary>The same event for bare Marten: the personal fields as plain strings.</summary>
public sealed record MartenPlainBenchEvent(Guid SubjectId, string Prompt, string Email, int Width, int Height, long Seed, string Model);
