using NodaTime;

namespace GemPix.Domain.Retention;

/// <summary>
/// The retention promises of the privacy policies, as declarations: transient uploads are "purged shortly after
/// generation unless saved", logs are kept "for a limited rolling window", billing records only as long as the law
/// requires. <see cref="RetentionSchedule"/> holds the periods in force (configurable); these are the defaults.
/// </summary>
public static class RetentionClasses
{
    public static RetentionClass TransientUploads { get; } = new(
        "transient-uploads",
        "uploads not kept by their owner",
        Duration.FromHours(24),
        "the last generation that used them (or their upload, if none did)",
        "their key is destroyed, their file deleted and upload-deleted recorded");

    public static RetentionClass ApiAccessLog { get; } = new(
        "api-access-log",
        "the API access log: time, route, status, subject id, network (/24 or /48)",
        Duration.FromDays(30),
        "the request",
        "whole daily partitions are dropped");

    public static RetentionClass Sessions { get; } = new(
        "sessions",
        "session token hashes",
        Duration.Zero,
        "their expiry",
        "the rows are deleted");

    public static RetentionClass SignInFailures { get; } = new(
        "sign-in-failures",
        "counts of failed sign-ins, by the blind index of the email address",
        Duration.Zero,
        "the moment they are forgotten (15 minutes after the last failure or the end of its lock)",
        "the rows are deleted");

    public static RetentionClass IdempotentAnswers { get; } = new(
        "idempotent-answers",
        "answers kept for Idempotency-Key retries",
        Duration.FromHours(24),
        "the request",
        "the rows are deleted");

    public static RetentionClass Billing { get; } = new(
        "billing",
        "billing records (payment references, purchases)",
        Duration.FromDays(3653),
        "the subject's last transaction",
        "the billing key is destroyed and a deletion certificate issued (GDPR Art. 17(3)(b) until then)");

    public static IReadOnlyList<RetentionClass> All { get; } = [TransientUploads, ApiAccessLog, Sessions, SignInFailures, IdempotentAnswers, Billing];
}
