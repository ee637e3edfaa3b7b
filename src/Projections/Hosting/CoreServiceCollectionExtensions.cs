using GemPix.Domain.Serialization;
using GemPix.EventStore;
using GemPix.EventStore.Jobs;
using GemPix.EventStore.Projections;
using GemPix.EventStore.Protection;
using GemPix.EventStore.Schema;
using GemPix.EventStore.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace GemPix.Projections.Hosting;

/// <summary>What every GemPix host needs, API or worker: settings, the clock, the database and the event store.</summary>
public static class CoreServiceCollectionExtensions
{
    /// <summary>The data source that connects as the schema's owner (migrations); the plain one is the application role.</summary>
    public const string SchemaOwner = "schema-owner";

    /// <remarks>Settings are read when first needed, so a test host can still change the configuration after this call.</remarks>
    public static IServiceCollection AddGemPixCore(this IServiceCollection services)
    {
        services.AddSingleton(sp => GemPixSettings.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<IClock>(SystemClock.Instance);
        services.AddSingleton(sp => ApplicationDataSource.Create(sp.GetRequiredService<GemPixSettings>().Database));
        services.AddKeyedSingleton(SchemaOwner, (sp, _) => ApplicationDataSource.CreateOwner(sp.GetRequiredService<GemPixSettings>().Database));
        services.AddSingleton(sp => new MigrationRunner(sp.GetRequiredKeyedService<NpgsqlDataSource>(SchemaOwner)));

        services.AddSingleton(_ => DomainEventTypes.CreateRegistry());
        services.AddGemPixProtection();
        services.AddSingleton(sp => new EventSerializer(sp.GetRequiredService<EventTypeRegistry>(), GemPixJson.Options, sp.GetRequiredService<IEventDataProtector>()));
        services.AddSingleton<PostgresEventStore>(sp => new PostgresEventStore(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<EventSerializer>(), sp.GetRequiredService<IClock>(), sp.GetServices<IInlineProjection>()));
        services.AddSingleton<GapSafeEventReader>();
        services.AddSingleton<InlineProjectionRebuild>();
        services.AddSingleton(new JobBackoff());
        services.AddSingleton<JobQueue>();
        services.AddSingleton<ProjectionCheckpointStore>();
        services.AddSingleton(new ProjectionDaemonOptions());
        services.AddSingleton<ProjectionDaemon>();
        services.AddGemPixProjections();
        services.AddGemPixLedger();
        return services;
    }
}
