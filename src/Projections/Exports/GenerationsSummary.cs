using GemPix.Domain.Generations;
using GemPix.Domain.Protection;
using NodaTime;

namespace GemPix.Projections.Exports;

/// <summary>Every generation with its prompt and parameters, how it ended, and where its image is in the archive.</summary>
internal sealed record GenerationsSummary(IReadOnlyList<GenerationsSummary.Generation> Generations)
{
    /// <param name="Prompt">Personal data under the generation's own key: erased when the generation is deleted.</param>
    /// <param name="Status">The job's last status before any deletion.</param>
    /// <param name="Image">Whether the picture is in the archive (at <paramref name="ImagePath"/>) or erased; absent when none was made.</param>
    public sealed record Generation(
        Guid GenerationId,
        Personal<string> Prompt,
        int Width,
        int Height,
        long? Seed,
        Guid? ReferenceUploadId,
        int Credits,
        Instant RequestedAt,
        GenerationStatus Status,
        int Attempts,
        Instant? DeletedAt,
        ImageStatus? Image,
        string? ImagePath);
}
