namespace GemPix.EventStore.Jobs;

/// <summary>
/// The reasons recorded in <c>gempix.jobs.last_error</c>: short, and free of personal data. An exception's type
/// name qualifies; its message does not, since it may quote a prompt, a file name or an address.
/// </summary>
public static class JobFailureReason
{
    /// <summary>The longest reason stored.</summary>
    public const int MaxLength = 200;

    /// <summary>A worker's lease ran out (it crashed, hung or lost its connection) and the job was claimed again.</summary>
    public const string LeaseExpired = "lease-expired";

    /// <summary>The reason for an attempt that ended in <paramref name="exception"/>: its type's full name.</summary>
    public static string Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var type = exception.GetType();
        return Bounded(type.FullName ?? type.Name);
    }

    internal static string Bounded(string reason) => reason.Length <= MaxLength ? reason : reason[..MaxLength];
}
