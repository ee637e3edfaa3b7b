namespace GemPix.Api.Idempotency;

/// <summary>What claiming an <c>Idempotency-Key</c> found.</summary>
public abstract record IdempotencyClaim
{
    private IdempotencyClaim()
    {
    }

    /// <summary>The key is new, was given back or was taken over: run the request. The claim's time is its token.</summary>
    public sealed record Claimed(NodaTime.Instant ClaimedAt) : IdempotencyClaim;

    /// <summary>The first request with this key answered this: answer it again.</summary>
    public sealed record Answered(int Status, string? ContentType, byte[] Body, IReadOnlyDictionary<string, string> Headers) : IdempotencyClaim;

    /// <summary>The first request with this key is still running.</summary>
    public sealed record InFlight : IdempotencyClaim;

    /// <summary>The key came with a different request: a client bug, never replayed.</summary>
    public sealed record KeyReused : IdempotencyClaim;
}
