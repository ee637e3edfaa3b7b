using GemPix.Domain.Consents;
using GemPix.EventStore;
using GemPix.Imaging;
using GemPix.Projections.Exports;
using GemPix.Projections.Generations;
using GemPix.Projections.Handling;
using GemPix.Projections.ReadModels;
using GemPix.Protection.Blobs;
using GemPix.Protection.Accounts;
using GemPix.EventStore.Projections;
using GemPix.Projections.Statistics;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace GemPix.Projections.Hosting;

/// <summary>
/// The async projections the daemon runs and <c>./gempix projections</c> rebuilds, and the inline read models the
/// store keeps in each append's transaction.
/// </summary>
public static class ProjectionServiceCollectionExtensions
{
    public static IServiceCollection AddGemPixProjections(this IServiceCollection services)
    {
        services.AddSingleton<IAsyncProjection, EventStatisticsProjection>();
        services.AddSingleton(sp => EmailBlindIndex.FromDataDirectory(sp.GetRequiredService<GemPixSettings>().DataDirectory));
        services.AddSingleton<IInlineProjection, AccountEmailsProjection>();
        services.AddSingleton<IInlineProjection, CredentialsProjection>();
        services.AddSingleton<IInlineProjection, UploadsProjection>();
        services.AddSingleton<IInlineProjection, GenerationsProjection>();
        services.AddSingleton<CommandHandler>();
        services.AddSingleton<IImageModel, CppnImageModel>();
        services.AddSingleton<GenerationRequests>();
        services.AddSingleton<GenerationHistory>();
        services.AddSingleton<GenerationDeletion>();
        services.AddSingleton<FingerprintIndex>();
        services.AddSingleton<GenerationJobHandler>();
        // The API host registers the notices it serves; a worker host without them exports against the defaults.
        services.AddSingleton(sp => new SubjectExport(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<PostgresEventStore>(),
            sp.GetRequiredService<IBlobStore>(),
            sp.GetService<ConsentNotices>() ?? ConsentNotices.Default,
            sp.GetRequiredService<IClock>()));
        return services;
    }
}
