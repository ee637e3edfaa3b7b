namespace GemPix.Protection.Blobs;

/// <summary>Uploads and generated images, each encrypted with its asset's own key.</summary>
public interface IBlobStore
{
    /// <summary>Stores <paramref name="content"/> for an asset of the subject and returns the blob's id.</summary>
    Task<Guid> PutAsync(Guid subjectId, Guid assetId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    Task<BlobContent> GetAsync(Guid blobId, CancellationToken cancellationToken);

    /// <summary>Deletes the asset's blobs; returns how many.</summary>
    Task<int> DeleteAssetAsync(Guid assetId, CancellationToken cancellationToken);

    /// <summary>Deletes every blob of the subject; returns how many.</summary>
    Task<int> DeleteSubjectAsync(Guid subjectId, CancellationToken cancellationToken);
}
