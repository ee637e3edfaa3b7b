using GemPix.EventStore.Projections;
using Microsoft.Extensions.Hosting;

namespace GemPix.Workers;

/// <summary>Hosts the projection daemon for the life of the process.</summary>
internal sealed class ProjectionDaemonService(ProjectionDaemon daemon) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => daemon.RunAsync(stoppingToken);
}
