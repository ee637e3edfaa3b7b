using GemPix.Domain.Accounts;
using GemPix.Domain.Generations;
using GemPix.EventStore.Projections;
using Npgsql;

namespace GemPix.Projections.ReadModels;

/// <summary>
/// <c>gempix.generations</c>: each generation's status for the history and the polling client, and the fingerprint
/// of each image made (<c>gempix.image_fingerprints</c>) for provenance checks.
/// </summary>
public sealed class GenerationsProjection : IRebuildableInlineProjection
{
    public string Name => "generations";

    public IReadOnlyList<string> Tables { get; } = ["gempix.generations", "gempix.image_fingerprints"];

    public void Project(InlineEvent @event, NpgsqlBatch batch)
    {
        switch (@event.Data)
        {
            case GenerationRequested r:
                batch.Add(
                    """
                    INSERT INTO gempix.generations (id, subject_id, status, width, height, seed, reference_upload_id, credits, requested_at, updated_at)
                    VALUES ($1, $2, 'queued', $3, $4, $5, $6, $7, $8, $8) ON CONFLICT (id) DO NOTHING
                    """,
                    r.GenerationId, r.SubjectId, r.Width, r.Height, r.Seed, r.ReferenceUploadId, r.Credits, r.At.ToDateTimeUtc());
                break;
            case GenerationStarted s:
                batch.Add("UPDATE gempix.generations SET status = 'running', attempts = $2, updated_at = $3 WHERE id = $1", s.GenerationId, s.Attempt, s.At.ToDateTimeUtc());
                break;
            case GenerationSucceeded s:
                batch.Add(
                    "UPDATE gempix.generations SET status = 'succeeded', image_blob_id = $2, failure = NULL, updated_at = $3 WHERE id = $1",
                    s.GenerationId, s.ImageBlobId, s.At.ToDateTimeUtc());
                batch.Add(
                    "INSERT INTO gempix.image_fingerprints (generation_id, fingerprint, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                    s.GenerationId, Fingerprints.Parse(s.Fingerprint), s.At.ToDateTimeUtc());
                break;
            case GenerationFailed f:
                batch.Add(
                    "UPDATE gempix.generations SET status = $2, failure = $3, updated_at = $4 WHERE id = $1",
                    f.GenerationId, f.Final ? "failed" : "queued", f.Reason, f.At.ToDateTimeUtc());
                break;
            case GenerationDeleted d:
                batch.Add("DELETE FROM gempix.generations WHERE id = $1", d.GenerationId);
                break;
            case AccountErased erased:
                batch.Add("DELETE FROM gempix.generations WHERE subject_id = $1", erased.SubjectId);
                break;
        }
    }
}
