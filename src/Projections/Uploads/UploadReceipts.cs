using System.Security.Cryptography;
using GemPix.Domain;
using GemPix.Domain.Uploads;
using GemPix.EventStore;
using GemPix.Projections.Handling;
using GemPix.Protection.Blobs;
using NodaTime;

namespace GemPix.Projections.Uploads;

/// <summary>
/// An image handed in, as <c>POST /v1/uploads</c> and <c>./gempix seed</c> both take one: recognised by its bytes,
/// checked by the upload decider before anything is stored, kept encrypted under the upload's own key, and then
/// recorded. Should the record be refused after all, the stored bytes go again. An upload id that is recorded
/// already (a retry of a request that committed) is answered from the same bytes, which are not stored twice.
/// </summary>
public sealed class UploadReceipts(CommandHandler handler, IBlobStore blobs, IClock clock)
{
    /// <returns>The stored upload, or why it was refused.</returns>
    public async Task<(ReceivedUpload? Received, Rejection? Rejection)> ReceiveAsync(
        Guid uploadId, Guid subjectId, ReadOnlyMemory<byte> file, bool keep, EventMetadata metadata, CancellationToken cancellationToken)
    {
        var inspection = ImageInspector.Inspect(file.Span);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Span));
        // Decided once before storing, with a placeholder blob id: a refused file is never written.
        if (UploadDecider.Decide(new ReceiveUpload(subjectId, uploadId, Guid.Empty, sha256, inspection, file.Length, keep, clock.GetCurrentInstant()), UploadDecider.Initial)
            .Rejection is { } refused)
        {
            return (null, refused);
        }

        var image = (ImageInspection.Accepted)inspection;
        var received = new ReceivedUpload(uploadId, sha256, image.Format, image.Width, image.Height);
        var (existing, _) = await handler.Store.AggregateStreamAsync(uploadId, Deciders.Upload.Initial, Deciders.Upload.Evolve, cancellationToken);
        if (existing is not UploadState.None)
        {
            // Stored by a run of this request that committed; deleted since, or another's, it is not there for this caller.
            return existing is UploadState.Stored stored && stored.SubjectId == subjectId ? (received, null) : (null, new UploadNotFound());
        }

        var blobId = await blobs.PutAsync(subjectId, uploadId, file, cancellationToken);
        var handled = await handler.HandleAsync(
            Deciders.Upload, uploadId, subjectId,
            new ReceiveUpload(subjectId, uploadId, blobId, sha256, inspection, file.Length, keep, clock.GetCurrentInstant()), metadata, cancellationToken);
        if (handled.Rejection is { } rejection)
        {
            await blobs.DeleteAssetAsync(uploadId, cancellationToken);
            return (null, rejection);
        }

        return (received, null);
    }
}
