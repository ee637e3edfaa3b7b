using GemPix.Domain.Generations;
using GemPix.EventStore;
using NodaTime;

namespace GemPix.Projections.Exports;

/// <summary>
/// Folds the generation events into <see cref="GenerationsSummary"/>: each job's status through the domain's own
/// <see cref="GenerationDecider.Evolve"/>, and each finished image named for the archive.
/// </summary>
internal sealed class GenerationsFold : ISummaryFold
{
    private readonly Dictionary<Guid, Job> _jobs = [];

    public ExportCategory Category => ExportCategory.Generations;

    public Type SummaryType => typeof(GenerationsSummary);

    public IEnumerable<ExportImage> Images =>
        _jobs.Values.Where(j => j.ImageBlobId is not null).Select(j => new ExportImage(j.ImageBlobId!.Value, PathOf(j.Requested.GenerationId)));

    public void Apply(RecordedEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        // A generation is a stream of its own: every event of the stream is the job's, whatever its type.
        if (recorded.Data is GenerationRequested requested)
        {
            _jobs[recorded.StreamId] = new Job(requested);
        }

        if (!_jobs.TryGetValue(recorded.StreamId, out var job))
        {
            return;
        }

        job.State = GenerationDecider.Evolve(job.State, recorded.Data);
        switch (recorded.Data)
        {
            case GenerationSucceeded succeeded:
                job.ImageBlobId = succeeded.ImageBlobId;
                break;
            case GenerationDeleted deleted:
                job.DeletedAt = deleted.At;
                break;
        }

        if (job.State is GenerationState.Existing existing)
        {
            job.LastExisting = existing;
        }
    }

    public object? Summarize(IReadOnlyDictionary<Guid, ImageStatus> images)
    {
        if (_jobs.Count == 0)
        {
            return null;
        }

        return new GenerationsSummary([.. _jobs.Values.Select(j =>
        {
            var r = j.Requested;
            ImageStatus? image = j.ImageBlobId is { } blob ? images.GetValueOrDefault(blob, ImageStatus.Erased) : null;
            return new GenerationsSummary.Generation(
                r.GenerationId, r.Prompt, r.Width, r.Height, r.Seed, r.ReferenceUploadId, r.Credits, r.At,
                j.LastExisting?.Status ?? GenerationStatus.Queued, j.LastExisting?.Attempts ?? 0, j.DeletedAt,
                image, image == ImageStatus.Included ? PathOf(r.GenerationId) : null);
        })]);
    }

    private static string PathOf(Guid generationId) => $"images/generations/{generationId}.png";

    private sealed class Job(GenerationRequested requested)
    {
        public GenerationRequested Requested { get; } = requested;

        public GenerationState State { get; set; } = GenerationDecider.Initial;

        public GenerationState.Existing? LastExisting { get; set; }

        public Guid? ImageBlobId { get; set; }

        public Instant? DeletedAt { get; set; }
    }
}
