using NodaTime;

namespace GemPix.Projections.Generations;

/// <summary>One row of <c>gempix.generations</c>: a generation as its owner's history shows it.</summary>
public sealed record GenerationRow(
    Guid GenerationId,
    Guid SubjectId,
    string Status,
    int Width,
    int Height,
    long? Seed,
    Guid? ReferenceUploadId,
    int Credits,
    int Attempts,
    Guid? ImageBlobId,
    string? Failure,
    Instant RequestedAt,
    Instant UpdatedAt);
