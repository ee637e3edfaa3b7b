using System.Text.Json;
using GemPix.EventStore.Jobs;

namespace GemPix.Projections.Generations;

/// <summary>The queue generations wait in, and its payload: the generation's id and nothing else (no prompt, no person).</summary>
public static class GenerationJobs
{
    public const string Queue = "generations";

    /// <summary>Tries per generation: the first and two retries, with backoff; then the job is dead-lettered and its credits refunded.</summary>
    public const int MaxAttempts = 3;

    public static JobRequest For(Guid subjectId, Guid generationId) =>
        new(generationId, Queue, subjectId, JsonSerializer.Serialize(new Payload(generationId)), MaxAttempts);

    public static Guid GenerationOf(ClaimedJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return JsonSerializer.Deserialize<Payload>(job.Payload)!.GenerationId;
    }

    private sealed record Payload(Guid GenerationId);
}
