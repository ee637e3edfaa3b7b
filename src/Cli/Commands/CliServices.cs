using GemPix.EventStore.Schema;
using GemPix.Projections.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GemPix.Cli.Commands;

/// <summary>The services an operator command needs, from the same environment the hosts read, on a migrated database.</summary>
internal static class CliServices
{
    public static async Task<ServiceProvider> StartAsync(CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddEnvironmentVariables().Build());
        services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddGemPixCore();
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<MigrationRunner>().MigrateAsync(cancellationToken);
        return provider;
    }
}
