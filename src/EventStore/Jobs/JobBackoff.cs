using NodaTime;

namespace GemPix.EventStore.Jobs;

/// <summary>
/// How long a failed job waits before its next attempt: <see cref="Base"/> × 2^(attempt − 1), capped at
/// <see cref="Cap"/>, less a random part of up to <see cref="Jitter"/> of it, so that jobs that failed together
/// (an outage) do not all come back at the same instant.
/// </summary>
public sealed record JobBackoff
{
    /// <summary>2 s, 4 s, 8 s … up to 5 min, less up to a fifth.</summary>
    public static JobBackoff Default { get; } = new();

    /// <summary>The wait after the first attempt failed.</summary>
    public Duration Base
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, Duration.Zero);
            field = value;
        }
    } = Duration.FromSeconds(2);

    /// <summary>The longest wait, whatever the attempt.</summary>
    public Duration Cap
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, Duration.Zero);
            field = value;
        }
    } = Duration.FromMinutes(5);

    /// <summary>The largest fraction of the wait taken off at random, from 0 (none) to 1.</summary>
    public double Jitter
    {
        get;
        init
        {
            if (!(value is >= 0 and <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(Jitter), value, "Jitter is a fraction from 0 to 1.");
            }

            field = value;
        }
    } = 0.2;

    /// <summary>The wait after attempt <paramref name="attempt"/> failed, before jitter.</summary>
    public Duration Nominal(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var delay = Base;
        // Doubling stops at the cap, so a large attempt number never overflows.
        for (var i = 1; i < attempt && delay < Cap; i++)
        {
            delay += delay;
        }

        return delay < Cap ? delay : Cap;
    }

    /// <summary>The wait after attempt <paramref name="attempt"/> failed, with the jitter <paramref name="sample"/> (0 to 1) gives.</summary>
    public Duration Delay(int attempt, double sample)
    {
        if (!(sample is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(sample), sample, "The jitter sample is from 0 to 1.");
        }

        var nominal = Nominal(attempt);
        return nominal - (nominal * (Jitter * sample));
    }
}
