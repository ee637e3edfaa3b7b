using GemPix.EventStore;
using NodaTime;
using Npgsql;

namespace GemPix.Projections.Retention;

/// <summary>
/// One retention run at a time across every process: the daily worker and <c>./gempix retention run</c> both take
/// the same advisory lock. Whoever holds it runs; the others are told that a run is under way.
/// </summary>
public sealed class RetentionRun(NpgsqlDataSource dataSource, RetentionEnforcer enforcer, IClock clock)
{
    public const string Resource = "retention";

    /// <summary>Enforces as of the clock's now: what the daily worker runs.</summary>
    public Task<RetentionReport?> TryRunNowAsync(bool dryRun, CancellationToken cancellationToken) =>
        TryRunAsync(clock.GetCurrentInstant(), dryRun, cancellationToken);

    /// <returns>The report, or null when another process is running retention right now.</returns>
    public async Task<RetentionReport?> TryRunAsync(Instant asOf, bool dryRun, CancellationToken cancellationToken)
    {
        await using var ownership = new SessionLockOwnership(dataSource, Resource);
        if (!await ownership.TryAcquireAsync(cancellationToken))
        {
            return null;
        }

        return await enforcer.RunAsync(asOf, dryRun, cancellationToken);
    }
}
