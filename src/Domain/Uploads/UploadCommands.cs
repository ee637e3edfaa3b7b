using NodaTime;

namespace GemPix.Domain.Uploads;

public abstract record UploadCommand(Instant At);

/// <summary>Record an upload whose bytes were inspected and stored as <paramref name="BlobId"/>.</summary>
public sealed record ReceiveUpload(
    Guid SubjectId, Guid UploadId, Guid BlobId, string Sha256, ImageInspection Inspection, long Bytes, bool Keep, Instant At) : UploadCommand(At);

public sealed record DeleteUpload(UploadDeletionReason Reason, Instant At) : UploadCommand(At);
