using NodaTime;

namespace GemPix.EventStore.Jobs;

/// <summary>
/// Instants as <c>timestamptz</c> keeps them: to the microsecond. An instant is truncated before it is stored,
/// so that what the queue answers (a lease's end, a retry's time) is exactly what a later read finds.
/// </summary>
internal static class PostgresTimestamp
{
    public static Instant Truncate(Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        return Instant.FromUnixTimeTicks(ticks - (((ticks % TimeSpan.TicksPerMicrosecond) + TimeSpan.TicksPerMicrosecond) % TimeSpan.TicksPerMicrosecond));
    }

    public static DateTime From(Instant instant) => Truncate(instant).ToDateTimeUtc();

    public static Instant ToInstant(DateTime utc) => Instant.FromDateTimeUtc(utc);
}
