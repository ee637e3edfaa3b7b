using GemPix.EventStore.Jobs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace GemPix.Workers;

/// <summary>Hosts one queue's worker for the life of the process; any number of processes may run it, each job is claimed by one.</summary>
internal sealed class JobWorkerService(JobQueue queue, IJobHandler handler, JobWorkerOptions options, IClock clock, ILogger<JobWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => new JobWorker(queue, handler, options, clock, logger).RunAsync(stoppingToken);
}
