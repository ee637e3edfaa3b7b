using System.CommandLine;
using GemPix.EventStore;
using GemPix.EventStore.Schema;
using GemPix.Projections.Hosting;
using Microsoft.Extensions.Configuration;

namespace GemPix.Cli.Commands;

/// <summary><c>migrate</c>: brings GEMPIX_DB to the code's schema version; running it again changes nothing.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply the schema migrations to GEMPIX_DB (idempotent).");
        command.SetAction(async (_, cancellationToken) =>
        {
            var settings = GemPixSettings.From(new ConfigurationBuilder().AddEnvironmentVariables().Build());
            await using var dataSource = ApplicationDataSource.CreateOwner(settings.Database);
            var applied = await new MigrationRunner(dataSource).MigrateAsync(cancellationToken);
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
