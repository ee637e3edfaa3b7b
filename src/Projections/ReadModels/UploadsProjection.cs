using GemPix.Domain.Accounts;
using GemPix.Domain.Serialization;
using GemPix.Domain.Uploads;
using GemPix.EventStore.Projections;
using Npgsql;

namespace GemPix.Projections.ReadModels;

/// <summary><c>gempix.uploads</c>: a subject's stored uploads; a deleted one leaves no row.</summary>
public sealed class UploadsProjection : IRebuildableInlineProjection
{
    public string Name => "uploads";

    public IReadOnlyList<string> Tables { get; } = ["gempix.uploads"];

    public void Project(InlineEvent @event, NpgsqlBatch batch)
    {
        switch (@event.Data)
        {
            case UploadReceived r:
                batch.Add(
                    """
                    INSERT INTO gempix.uploads (id, subject_id, blob_id, format, width, height, bytes, keep, received_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING
                    """,
                    r.UploadId, r.SubjectId, r.BlobId, GemPixJson.EnumName(r.Format), r.Width, r.Height, r.Bytes, r.Keep, r.At.ToDateTimeUtc());
                break;
            case UploadDeleted d:
                batch.Add("DELETE FROM gempix.uploads WHERE id = $1", d.UploadId);
                break;
            case AccountErased erased:
                batch.Add("DELETE FROM gempix.uploads WHERE subject_id = $1", erased.SubjectId);
                break;
        }
    }
}
