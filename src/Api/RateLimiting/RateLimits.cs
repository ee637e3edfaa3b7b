using System.Globalization;

namespace GemPix.Api.RateLimiting;

/// <summary>
/// Requests per minute allowed to one bearer token and to one client address, each a token bucket that refills
/// every second, so that a burst of up to a minute's allowance passes and a sustained flood does not.
/// <c>GEMPIX_RATE_PER_TOKEN</c> and <c>GEMPIX_RATE_PER_IP</c> override the defaults.
/// </summary>
public sealed record RateLimits(int PerTokenPerMinute, int PerAddressPerMinute)
{
    public static RateLimits Default { get; } = new(600, 1200);

    public static RateLimits From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new RateLimits(
            Read(configuration, "GEMPIX_RATE_PER_TOKEN", Default.PerTokenPerMinute),
            Read(configuration, "GEMPIX_RATE_PER_IP", Default.PerAddressPerMinute));
    }

    private static int Read(IConfiguration configuration, string name, int fallback) =>
        configuration[name] is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new InvalidOperationException($"{name} must be a positive whole number of requests per minute.")
            : fallback;
}
