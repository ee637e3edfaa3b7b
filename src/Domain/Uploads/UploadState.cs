namespace GemPix.Domain.Uploads;

/// <summary>An upload as commands see it: none yet, stored, or deleted (terminal).</summary>
public abstract record UploadState
{
    private UploadState()
    {
    }

    public sealed record None : UploadState;

    public sealed record Stored(Guid SubjectId, Guid UploadId, Guid BlobId, ImageFormat Format, bool Keep) : UploadState;

    public sealed record Deleted(Guid SubjectId, Guid UploadId) : UploadState;
}
