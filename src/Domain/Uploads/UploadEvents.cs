using GemPix.Domain.Protection;
using NodaTime;

namespace GemPix.Domain.Uploads;

/// <summary>
/// An image was uploaded and stored encrypted under its own asset key. Its hash is personal data under that
/// key too: it would link the file to the person after the image itself is gone.
/// </summary>
[StoredEvent("upload-received")]
public sealed record UploadReceived(
    Guid SubjectId, Guid UploadId, Guid BlobId, Personal<string> Sha256, ImageFormat Format, int Width, int Height, long Bytes, bool Keep, Instant At);

/// <summary>An upload was deleted: its key is destroyed and its blob removed. <see cref="Reason"/> says who asked.</summary>
[StoredEvent("upload-deleted")]
public sealed record UploadDeleted(Guid SubjectId, Guid UploadId, UploadDeletionReason Reason, Instant At);
