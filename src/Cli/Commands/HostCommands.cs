using System.CommandLine;
using System.Runtime.InteropServices;
using GemPix.Api.Hosting;
using GemPix.EventStore.Schema;
using GemPix.Projections.Hosting;
using GemPix.Protection.Signing;
using GemPix.Workers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace GemPix.Cli.Commands;

/// <summary><c>up</c>, <c>api</c> and <c>worker</c>: the long-running hosts. Each migrates first, which is safe from many processes at once.</summary>
internal static class HostCommands
{
    public static Command Up() => Create("up", "Migrate, then run the API and every worker in one process (./gempix starts a local PostgreSQL first when GEMPIX_DB is unset).", HostRoles.All);

    public static Command Api() => Create("api", "Migrate, then run the HTTP API alone; any number of api and worker processes may share one database.", HostRoles.Api);

    public static Command Worker() => Create("worker", "Migrate, then run the background workers alone; any number of api and worker processes may share one database.", HostRoles.Workers);

    private static Command Create(string name, string description, HostRoles roles)
    {
        var command = new Command(name, description);
        command.SetAction((_, cancellationToken) => RunAsync(roles, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(HostRoles roles, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder();
        if (roles.HasFlag(HostRoles.Api))
        {
            builder.AddGemPixApi();
        }
        else
        {
            builder.Services.AddGemPixCore();
        }

        if (roles.HasFlag(HostRoles.Workers))
        {
            builder.Services.AddGemPixWorkers();
        }

        await using var app = builder.Build();
        await app.Services.GetRequiredService<MigrationRunner>().MigrateAsync(cancellationToken);
        // The published keys, saved where `verify-certificate` looks by default.
        var jwks = await app.Services.GetRequiredService<ServiceSigningKeys>().GetJwksAsync(cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(app.Services.GetRequiredService<GemPixSettings>().DataDirectory, "jwks.json"), jwks.ToJsonString(), cancellationToken);
        if (roles.HasFlag(HostRoles.Api))
        {
            app.MapGemPixApi();
        }
        else
        {
            // A worker-only process listens nowhere.
            app.Urls.Clear();
        }

        // The generic host stops gracefully on INT and TERM; a closed terminal's HUP gets the same graceful stop
        // instead of the runtime's default, which ends the process at once.
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            app.Lifetime.StopApplication();
        });
        await app.RunAsync();
        return 0;
    }
}
