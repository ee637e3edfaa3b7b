using GemPix.EventStore.Jobs;
using GemPix.Projections.Generations;
using GemPix.Projections.PrivacyRequests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace GemPix.Workers;

/// <summary>Registers the background workers. Each claims its work in the database, so any number of worker processes may run.</summary>
public static class WorkerServiceCollectionExtensions
{
    public static IServiceCollection AddGemPixWorkers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHostedService<ProjectionDaemonService>();
        services.AddHostedService<LedgerSealerService>();
        // Generations keep half the cores busy; an export holds its lease longer, for a subject with many images.
        services.AddJobWorker<GenerationJobHandler>(new JobWorkerOptions { MaxConcurrency = Math.Max(1, Environment.ProcessorCount / 2) });
        services.AddJobWorker<ExportJobHandler>(new JobWorkerOptions { Lease = Duration.FromMinutes(5) });
        services.AddHostedService<DeadlineMonitorService>();
        services.AddHostedService<RetentionService>();
        return services;
    }

    private static void AddJobWorker<THandler>(this IServiceCollection services, JobWorkerOptions options)
        where THandler : IJobHandler =>
        services.AddSingleton<IHostedService>(sp => new JobWorkerService(
            sp.GetRequiredService<JobQueue>(), sp.GetRequiredService<THandler>(), options, sp.GetRequiredService<IClock>(), sp.GetRequiredService<ILogger<JobWorker>>()));
}
