using GemPix.Domain.Protection;
using NodaTime;

namespace GemPix.Domain.Generations;

/// <summary>A generation was asked for. The prompt is personal data under the generation's own key, so deleting the image deletes it too.</summary>
[StoredEvent("generation-requested")]
public sealed record GenerationRequested(
    Guid SubjectId, Guid GenerationId, Personal<string> Prompt, int Width, int Height, long? Seed, Guid? ReferenceUploadId, int Credits, Instant At);

[StoredEvent("generation-started")]
public sealed record GenerationStarted(Guid SubjectId, Guid GenerationId, int Attempt, Instant At);

[StoredEvent("generation-succeeded")]
public sealed record GenerationSucceeded(Guid SubjectId, Guid GenerationId, Guid ImageBlobId, string Fingerprint, Instant At);

/// <summary>An attempt failed; when <see cref="Final"/>, the job is dead-lettered and its credits go back.</summary>
[StoredEvent("generation-failed")]
public sealed record GenerationFailed(Guid SubjectId, Guid GenerationId, int Attempt, string Reason, bool Final, Instant At);

[StoredEvent("generation-deleted")]
public sealed record GenerationDeleted(Guid SubjectId, Guid GenerationId, Instant At);
