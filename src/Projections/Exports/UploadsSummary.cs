using GemPix.Domain.Protection;
using GemPix.Domain.Uploads;
using NodaTime;

namespace GemPix.Projections.Exports;

/// <summary>Every upload with what became of it, and where its image is in the archive.</summary>
internal sealed record UploadsSummary(IReadOnlyList<UploadsSummary.Upload> Uploads)
{
    /// <param name="Sha256">The file's hash: personal data under the upload's own key, erased with it.</param>
    /// <param name="Image">Whether the file is in the archive (at <paramref name="ImagePath"/>) or erased.</param>
    public sealed record Upload(
        Guid UploadId,
        ImageFormat Format,
        int Width,
        int Height,
        long Bytes,
        bool Keep,
        Personal<string> Sha256,
        Instant ReceivedAt,
        Instant? DeletedAt,
        UploadDeletionReason? DeletionReason,
        ImageStatus Image,
        string? ImagePath);
}
