using GemPix.EventStore.Jobs;
using GemPix.Projections.Generations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace GemPix.Workers;

/// <summary>Hosts the generation queue's worker: any number of processes may run it; each job is claimed by one.</summary>
internal sealed class GenerationWorkerService(JobQueue queue, GenerationJobHandler handler, IClock clock, ILogger<JobWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        new JobWorker(queue, handler, new JobWorkerOptions { MaxConcurrency = Math.Max(1, Environment.ProcessorCount / 2) }, clock, logger).RunAsync(stoppingToken);
}
