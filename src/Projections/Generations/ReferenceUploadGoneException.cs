namespace GemPix.Projections.Generations;

/// <summary>The upload a generation was to follow was deleted before the generation ran.</summary>
public sealed class ReferenceUploadGoneException(Guid uploadId) : Exception($"Reference upload {uploadId} no longer exists.")
{
    public Guid UploadId { get; } = uploadId;
}
