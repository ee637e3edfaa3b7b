using GemPix.EventStore.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace GemPix.Projections.Hosting;

/// <summary>What every GemPix host needs, API or worker: settings, the clock and the database.</summary>
public static class CoreServiceCollectionExtensions
{
    /// <remarks>Settings are read when first needed, so a test host can still change the configuration after this call.</remarks>
    public static IServiceCollection AddGemPixCore(this IServiceCollection services)
    {
        services.AddSingleton(sp => GemPixSettings.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<IClock>(SystemClock.Instance);
        services.AddSingleton(sp => CreateDataSource(sp.GetRequiredService<GemPixSettings>().Database));
        services.AddSingleton<MigrationRunner>(sp => new MigrationRunner(sp.GetRequiredService<NpgsqlDataSource>()));
        return services;
    }

    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.ApplicationName ??= "gempix";
        return builder.Build();
    }
}
