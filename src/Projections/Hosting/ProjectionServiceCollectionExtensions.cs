using GemPix.EventStore.Projections;
using GemPix.Projections.Statistics;
using Microsoft.Extensions.DependencyInjection;

namespace GemPix.Projections.Hosting;

/// <summary>The async projections the daemon runs and <c>./gempix projections</c> rebuilds.</summary>
public static class ProjectionServiceCollectionExtensions
{
    public static IServiceCollection AddGemPixProjections(this IServiceCollection services)
    {
        services.AddSingleton<IAsyncProjection, EventStatisticsProjection>();
        return services;
    }
}
