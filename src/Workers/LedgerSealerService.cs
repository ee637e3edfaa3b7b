using GemPix.EventStore.Ledger;
using Microsoft.Extensions.Hosting;

namespace GemPix.Workers;

/// <summary>Hosts the ledger's sealer for the life of the process; one process of all those running seals at a time.</summary>
internal sealed class LedgerSealerService(LedgerSealer sealer) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => sealer.RunAsync(stoppingToken);
}
