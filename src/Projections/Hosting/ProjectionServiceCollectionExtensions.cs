using GemPix.Domain.Consents;
using GemPix.Domain.Retention;
using GemPix.EventStore.Projections;
using GemPix.EventStore;
using GemPix.Imaging;
using GemPix.Projections.Accounts;
using GemPix.Projections.Audit;
using GemPix.Projections.Erasure;
using GemPix.Projections.Exports;
using GemPix.Projections.Generations;
using GemPix.Projections.Handling;
using GemPix.Projections.PrivacyRequests;
using GemPix.Projections.ReadModels;
using GemPix.Projections.Retention;
using GemPix.Projections.Statistics;
using GemPix.Projections.Training;
using GemPix.Projections.Uploads;
using GemPix.Protection.Accounts;
using GemPix.Protection.Blobs;
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
        services.AddSingleton<IAsyncProjection, TrainingEligibilityProjection>();
        services.AddSingleton<TrainingSnapshots>();
        services.AddSingleton(ConsentNotices.Default);
        services.AddSingleton(sp => EmailBlindIndex.FromDataDirectory(sp.GetRequiredService<GemPixSettings>().DataDirectory));
        services.AddSingleton<IInlineProjection, AccountEmailsProjection>();
        services.AddSingleton<IInlineProjection, CredentialsProjection>();
        services.AddSingleton<IInlineProjection, UploadsProjection>();
        services.AddSingleton<IInlineProjection, GenerationsProjection>();
        services.AddSingleton<IInlineProjection, CreditBalancesProjection>();
        services.AddSingleton<CommandHandler>();
        services.AddSingleton<PasswordCredentials>();
        services.AddSingleton<AccountEmails>();
        services.AddSingleton<AccountCorrection>();
        services.AddSingleton<SignInAttempts>();
        services.AddSingleton<AccountRegistration>();
        services.AddSingleton<UploadReceipts>();
        services.AddSingleton<IImageModel, CppnImageModel>();
        services.AddSingleton<GenerationIntake>();
        services.AddSingleton<GenerationHistory>();
        services.AddSingleton<GenerationDeletion>();
        services.AddSingleton<FingerprintIndex>();
        services.AddSingleton<GenerationJobHandler>();
        services.AddSingleton<SubjectErasure>();
        services.AddSingleton<IInlineProjection, PrivacyRequestsProjection>();
        services.AddSingleton<PrivacyRequestWorkflow>();
        services.AddSingleton<PrivacyRequestRecords>();
        services.AddSingleton<DeadlineMonitor>();
        services.AddSingleton<AccessLog>();
        services.AddSingleton<RegulatorExport>();
        services.AddSingleton<RegulatorRequestRecords>();
        services.AddSingleton<SubjectTimelines>();
        services.AddSingleton(sp => RetentionSchedule.Default.WithBillingYears(sp.GetRequiredService<GemPixSettings>().BillingRetentionYears));
        services.AddSingleton<RetentionEnforcer>();
        services.AddSingleton<RetentionRun>();
        services.AddSingleton<IInlineProjection, RegulatorRequestsProjection>();
        services.AddSingleton<SubjectExport>();
        services.AddSingleton<ExportJobHandler>();
        return services;
    }
}
