using System.CommandLine;
using GemPix.EventStore.Schema;
using GemPix.Projections.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GemPix.Cli.Commands;

/// <summary><c>migrate</c>: brings GEMPIX_DB to the code's schema version; running it again changes nothing.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply the schema migrations to GEMPIX_DB (idempotent).");
        command.SetAction(async (_, cancellationToken) =>
        {
            var services = new ServiceCollection()
                .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddEnvironmentVariables().Build())
                .AddGemPixCore();
            await using var provider = services.BuildServiceProvider();
            var applied = await provider.GetRequiredService<MigrationRunner>().MigrateAsync(cancellationToken);
            foreach (var migration in applied)
            {
                Console.WriteLine($"applied {migration.Version:D4} {migration.Name}");
            }

            Console.WriteLine($"schema at version {EmbeddedMigrations.LatestVersion}");
            return 0;
        });
        return command;
    }
}
