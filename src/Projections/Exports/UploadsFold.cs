using GemPix.Domain.Uploads;
using GemPix.EventStore;

namespace GemPix.Projections.Exports;

/// <summary>Folds the upload events into <see cref="UploadsSummary"/>, and names each upload's file for the archive.</summary>
internal sealed class UploadsFold : ISummaryFold
{
    private readonly Dictionary<Guid, (UploadReceived Received, UploadDeleted? Deleted)> _uploads = [];

    public ExportCategory Category => ExportCategory.Uploads;

    public Type SummaryType => typeof(UploadsSummary);

    public IEnumerable<ExportImage> Images => _uploads.Values.Select(u => new ExportImage(u.Received.BlobId, PathOf(u.Received)));

    public void Apply(RecordedEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        switch (recorded.Data)
        {
            case UploadReceived received:
                _uploads[received.UploadId] = (received, null);
                break;
            case UploadDeleted deleted when _uploads.TryGetValue(deleted.UploadId, out var upload):
                _uploads[deleted.UploadId] = upload with { Deleted = deleted };
                break;
        }
    }

    public object? Summarize(IReadOnlyDictionary<Guid, ImageStatus> images)
    {
        if (_uploads.Count == 0)
        {
            return null;
        }

        return new UploadsSummary([.. _uploads.Values.Select(u =>
        {
            var (r, deleted) = u;
            var status = images.GetValueOrDefault(r.BlobId, ImageStatus.Erased);
            return new UploadsSummary.Upload(
                r.UploadId, r.Format, r.Width, r.Height, r.Bytes, r.Keep, r.Sha256, r.At, deleted?.At, deleted?.Reason,
                status, status == ImageStatus.Included ? PathOf(r) : null);
        })]);
    }

    private static string PathOf(UploadReceived received) =>
        $"images/uploads/{received.UploadId}.{(received.Format == ImageFormat.Jpeg ? "jpg" : "png")}";
}
