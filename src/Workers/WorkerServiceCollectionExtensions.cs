using Microsoft.Extensions.DependencyInjection;

namespace GemPix.Workers;

/// <summary>Registers the background workers. Each claims its work in the database, so any number of worker processes may run.</summary>
public static class WorkerServiceCollectionExtensions
{
    public static IServiceCollection AddGemPixWorkers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHostedService<ProjectionDaemonService>();
        services.AddHostedService<LedgerSealerService>();
        services.AddHostedService<GenerationWorkerService>();
        services.AddHostedService<DeadlineMonitorService>();
        services.AddHostedService<ExportWorkerService>();
        services.AddHostedService<RetentionService>();
        return services;
    }
}
