using GemPix.EventStore.Schema;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace GemPix.Api.Health;

/// <summary>Ready means: the database answers and its schema is at the version this code expects.</summary>
internal sealed class DatabaseReadinessCheck(MigrationRunner migrations) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        SchemaStatus status;
        try
        {
            status = await migrations.GetStatusAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The exception itself stays out of the answer: it can name hosts and users.
            return HealthCheckResult.Unhealthy("The database is unreachable.");
        }

        return status.IsCurrent
            ? HealthCheckResult.Healthy($"Schema at version {status.AppliedVersion}.")
            : HealthCheckResult.Unhealthy($"Schema at version {status.AppliedVersion}; this code expects {status.ExpectedVersion}. Run ./gempix migrate.");
    }
}
