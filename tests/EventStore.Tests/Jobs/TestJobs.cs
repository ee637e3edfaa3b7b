using System.Text.Json;
using GemPix.EventStore.Jobs;
using GemPix.EventStore.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace GemPix.EventStore.Tests.Jobs;

/// <summary>Queues and requests as the job tests use them: every test on a queue of its own, backoff without jitter.</summary>
public static class TestJobs
{
    public static readonly JobBackoff NoJitter = new() { Jitter = 0 };

    public static readonly Duration Lease = Duration.FromMinutes(1);

    public static JobQueue Queue(EventStoreDatabase db, JobBackoff? backoff = null) =>
        new(db.AppDataSource, db.Clock, backoff ?? NoJitter, NullLogger<JobQueue>.Instance);

    /// <summary>A queue name no other test uses, so that tests sharing a database never see each other's jobs.</summary>
    public static string UniqueQueue(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 13)];

    public static JobRequest Request(string queue, int maxAttempts = 3, Instant? runAfter = null, Guid? id = null) =>
        new(id ?? Guid.CreateVersion7(), queue, Guid.NewGuid(), $$"""{"generationId":"{{Guid.NewGuid()}}"}""", maxAttempts, runAfter);

    public static string? GenerationIdOf(string payload) =>
        JsonDocument.Parse(payload).RootElement.GetProperty("generationId").GetString();
}
