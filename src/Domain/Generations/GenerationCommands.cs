using NodaTime;

namespace GemPix.Domain.Generations;

public abstract record GenerationCommand(Instant At);

public sealed record RequestGeneration(Guid SubjectId, Guid GenerationId, string Prompt, int Width, int Height, long? Seed, Guid? ReferenceUploadId, Instant At)
    : GenerationCommand(At);

public sealed record StartGeneration(int Attempt, Instant At) : GenerationCommand(At);

public sealed record CompleteGeneration(Guid ImageBlobId, string Fingerprint, Instant At) : GenerationCommand(At);

public sealed record FailGeneration(int Attempt, string Reason, bool Final, Instant At) : GenerationCommand(At);

public sealed record DeleteGeneration(Instant At) : GenerationCommand(At);
