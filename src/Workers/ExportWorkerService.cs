using GemPix.EventStore.Jobs;
using GemPix.Projections.PrivacyRequests;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace GemPix.Workers;

/// <summary>Hosts the export queue's worker: access and portability archives, one job per request.</summary>
internal sealed class ExportWorkerService(JobQueue queue, ExportJobHandler handler, IClock clock, ILogger<JobWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        new JobWorker(queue, handler, new JobWorkerOptions { Lease = Duration.FromMinutes(5) }, clock, logger).RunAsync(stoppingToken);
}
