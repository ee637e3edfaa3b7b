using System.Text.Json;
using GemPix.EventStore;
using GemPix.EventStore.Jobs;

namespace GemPix.Projections.PrivacyRequests;

/// <summary>The queue access and portability exports wait in; the payload is the request's id and nothing else.</summary>
public static class ExportJobs
{
    public const string Queue = "exports";

    public const int MaxAttempts = 5;

    public static EventMetadata Worker { get; } = new(null, null, "system", "export-worker");

    public static JobRequest For(Guid subjectId, Guid requestId) =>
        new(requestId, Queue, subjectId, JsonSerializer.Serialize(new Payload(requestId)), MaxAttempts);

    public static Guid RequestOf(ClaimedJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return JsonSerializer.Deserialize<Payload>(job.Payload)!.RequestId;
    }

    private sealed record Payload(Guid RequestId);
}
