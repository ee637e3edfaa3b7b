using GemPix.Domain.Retention;
using GemPix.Domain.Serialization;
using GemPix.EventStore;
using GemPix.EventStore.Protection;
using GemPix.EventStore.Serialization;
using GemPix.Protection;
using GemPix.Protection.Blobs;
using GemPix.Protection.Keys;
using GemPix.Protection.Shredding;
using GemPix.Protection.Signing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace GemPix.Projections.Hosting;

/// <summary>Keys, field encryption, blobs, signing and shredding.</summary>
public static class ProtectionServiceCollectionExtensions
{
    /// <summary>A store that writes without field encryption: for the vault's own events, which hold no personal data.</summary>
    public const string PlainStore = "plain";

    public static IServiceCollection AddGemPixProtection(this IServiceCollection services)
    {
        services.AddSingleton(sp => new ProtectionOptions
        {
            BillingRetention = sp.GetRequiredService<RetentionSchedule>().PeriodOf(RetentionClasses.Billing),
        });
        services.AddSingleton<IKeyEncryptionKeyProvider>(sp => new LocalKeyFileProvider(sp.GetRequiredService<GemPixSettings>().DataDirectory));
        services.AddKeyedSingleton(PlainStore, (sp, _) => new PostgresEventStore(
            sp.GetRequiredService<NpgsqlDataSource>(),
            new EventSerializer(sp.GetRequiredService<EventTypeRegistry>(), GemPixJson.Options),
            sp.GetRequiredService<IClock>(),
            []));
        services.AddSingleton(sp => new KeyVault(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<IKeyEncryptionKeyProvider>(),
            sp.GetRequiredKeyedService<PostgresEventStore>(PlainStore),
            sp.GetRequiredService<IClock>()));
        services.AddSingleton<IEventDataProtector, EventFieldProtector>();
        services.AddSingleton<IBlobStore>(sp => new FileSystemBlobStore(
            sp.GetRequiredService<GemPixSettings>().DataDirectory,
            sp.GetRequiredService<KeyVault>(),
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<IClock>()));
        services.AddSingleton<ServiceSigningKeys>();
        services.AddSingleton<DeletionCertificates>();
        services.AddSingleton(sp => new SubjectShredder(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredKeyedService<NpgsqlDataSource>(CoreServiceCollectionExtensions.SchemaOwner),
            sp.GetRequiredService<KeyVault>(),
            sp.GetRequiredService<IBlobStore>(),
            sp.GetRequiredKeyedService<PostgresEventStore>(PlainStore),
            sp.GetRequiredService<ServiceSigningKeys>(),
            sp.GetRequiredService<IClock>(),
            sp.GetRequiredService<ProtectionOptions>(),
            sp.GetService<ILedgerCheckpointSource>()));
        services.AddHostedService<KeyCacheInvalidationService>();
        return services;
    }
}
