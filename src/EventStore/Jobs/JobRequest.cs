using System.Text.Json;
using NodaTime;

namespace GemPix.EventStore.Jobs;

/// <summary>
/// A job to enqueue. The id is the caller's and makes enqueueing idempotent: a second request with the same id is
/// a no-op, whatever it carries.
/// </summary>
/// <param name="Id">Chosen by the caller, typically derived from what asked for the job (a generation's id).</param>
/// <param name="Queue">The queue's name; see <see cref="JobQueueName"/>.</param>
/// <param name="SubjectId">The person the job is about, when there is one.</param>
/// <param name="Payload">
/// A JSON object of ids only, never personal data: payloads are neither encrypted nor shredded. At most 4 KiB.
/// </param>
/// <param name="MaxAttempts">How many attempts before the job is dead-lettered, 1 to 100.</param>
/// <param name="RunAfter">Not claimable before this instant; null: at once.</param>
public sealed record JobRequest(Guid Id, string Queue, Guid? SubjectId, string Payload, int MaxAttempts, Instant? RunAfter = null)
{
    /// <summary>The largest payload accepted, in UTF-8 bytes: room for ids, not for content.</summary>
    public const int MaxPayloadBytes = 4096;

    /// <summary>A request whose payload is a JSON element (an object).</summary>
    public JobRequest(Guid id, string queue, Guid? subjectId, JsonElement payload, int maxAttempts, Instant? runAfter = null)
        : this(id, queue, subjectId, payload.GetRawText(), maxAttempts, runAfter)
    {
    }

    /// <exception cref="ArgumentException">The request breaks a rule of the queue.</exception>
    internal void Validate()
    {
        JobQueueName.ThrowIfInvalid(Queue, nameof(Queue));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxAttempts, 100, nameof(MaxAttempts));
        ArgumentNullException.ThrowIfNull(Payload, nameof(Payload));
        if (System.Text.Encoding.UTF8.GetByteCount(Payload) > MaxPayloadBytes)
        {
            throw new ArgumentException($"A job's payload holds ids only: at most {MaxPayloadBytes} bytes.", nameof(Payload));
        }

        try
        {
            using var document = JsonDocument.Parse(Payload);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException("A job's payload is a JSON object.", nameof(Payload));
            }
        }
        catch (JsonException e)
        {
            throw new ArgumentException("A job's payload is not valid JSON.", nameof(Payload), e);
        }
    }
}
