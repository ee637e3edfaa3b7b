using GemPix.Domain.Credits;
using GemPix.Domain.Generations;
using GemPix.Domain.Uploads;
using GemPix.EventStore;
using GemPix.EventStore.Jobs;
using GemPix.Imaging;
using GemPix.Projections.Handling;
using GemPix.Protection.Blobs;
using GemPix.Protection.Shredding;
using NodaTime;
using Npgsql;

namespace GemPix.Projections.Generations;

/// <summary>
/// Runs one generation: started, the image made by the model (conditioned on the reference upload when there is
/// one), encoded as a PNG with its provenance manifest, stored encrypted under the generation's key, and then, in one
/// transaction, the success, the consumed credits and the job's completion. A failed attempt is recorded and retried
/// by the queue; the dead letter fails the generation for good and gives its credits back.
/// </summary>
public sealed class GenerationJobHandler(
    CommandHandler handler, NpgsqlDataSource dataSource, IBlobStore blobs, IImageModel model, SubjectShredder shredder, IClock clock) : IJobHandler
{
    private static readonly EventMetadata Worker = new(null, null, "system", "generation-worker");
    private static readonly PngEncoder Encoder = new();

    public string Queue => GenerationJobs.Queue;

    public async Task HandleAsync(JobAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var generationId = GenerationJobs.GenerationOf(attempt.Job);
        var store = handler.Store;
        var (state, _) = await store.AggregateStreamAsync(generationId, Deciders.Generation.Initial, Deciders.Generation.Evolve, cancellationToken);
        if (state is not GenerationState.Existing { Status: GenerationStatus.Queued or GenerationStatus.Running } generation
            || await RequestOfAsync(generationId, cancellationToken) is not { Prompt.IsErased: false } requested)
        {
            return; // Deleted or finished meanwhile: nothing to make.
        }

        var started = await handler.HandleAsync(
            Deciders.Generation, generationId, generation.SubjectId, new StartGeneration(attempt.Job.Attempt, clock.GetCurrentInstant()), Worker, cancellationToken);
        if (started.IsRejected)
        {
            return;
        }

        try
        {
            var png = await RenderAsync(requested, cancellationToken);
            var blobId = await blobs.PutAsync(generation.SubjectId, generationId, png.Bytes, cancellationToken);
            if (!await SucceedAsync(attempt, requested, blobId, png.Fingerprint, cancellationToken))
            {
                // Deleted while it ran: what was just stored goes the way of the rest.
                await shredder.ShredAssetAsync(generation.SubjectId, generationId, "generation deleted while it ran", cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException and not JobLeaseLostException)
        {
            await handler.HandleAsync(
                Deciders.Generation, generationId, generation.SubjectId,
                new FailGeneration(attempt.Job.Attempt, JobFailureReason.Of(e), false, clock.GetCurrentInstant()), Worker, CancellationToken.None);
            throw;
        }
    }

    public async Task DeadLetteredAsync(ClaimedJob job, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var generationId = GenerationJobs.GenerationOf(job);
        var store = handler.Store;
        var (state, version) = await store.AggregateStreamAsync(generationId, Deciders.Generation.Initial, Deciders.Generation.Evolve, cancellationToken);
        if (state is not GenerationState.Existing generation)
        {
            return;
        }

        var now = clock.GetCurrentInstant();
        var credits = Deciders.Credits(generation.SubjectId);
        var (balance, creditVersion) = await store.AggregateStreamAsync(SubjectStreams.Credits(generation.SubjectId), credits.Initial, credits.Evolve, cancellationToken);
        var failed = Deciders.Generation.Decide(new FailGeneration(job.Attempt, "dead-lettered", true, now), state);
        var released = credits.Decide(new ReleaseReservation(generationId, "generation failed", now), balance);
        var appends = new List<StreamAppend>();
        if (failed.Events.Count > 0)
        {
            appends.Add(new StreamAppend(generationId, Deciders.Generation.StreamType, generation.SubjectId, ExpectedVersion.Exactly(version), Pending(failed.Events)));
        }

        if (released.Events.Count > 0)
        {
            appends.Add(new StreamAppend(
                SubjectStreams.Credits(generation.SubjectId), credits.StreamType, generation.SubjectId, ExpectedVersion.AsRead(creditVersion), Pending(released.Events)));
        }

        await store.AppendAsync(appends, connection, transaction, cancellationToken);
    }

    private async Task<GenerationRequested?> RequestOfAsync(Guid generationId, CancellationToken cancellationToken)
    {
        await foreach (var e in handler.Store.ReadStreamAsync(generationId, 1, cancellationToken))
        {
            return e.Data as GenerationRequested;
        }

        return null;
    }

    private async Task<(byte[] Bytes, string Fingerprint)> RenderAsync(GenerationRequested requested, CancellationToken cancellationToken)
    {
        var reference = requested.ReferenceUploadId is { } uploadId ? await ReferenceAsync(uploadId, cancellationToken) : null;
        var seed = requested.Seed ?? (BitConverter.ToInt64(requested.GenerationId.ToByteArray()) & (GenerationLimits.MaxSeed - 1));
        var image = await model.GenerateAsync(new ImageRequest(requested.Prompt.Value, requested.Width, requested.Height, seed, reference), cancellationToken);
        var manifest = new ProvenanceManifest(model.Name, model.Version, requested.GenerationId, clock.GetCurrentInstant());
        return (Encoder.Encode(image, [manifest.ToPngText()]), DifferenceHash.Compute(image).ToString());
    }

    /// <summary>The reference upload's pixels; gone (deleted since the request) means the generation cannot be made.</summary>
    private async Task<RgbImage> ReferenceAsync(Guid uploadId, CancellationToken cancellationToken)
    {
        var (upload, _) = await handler.Store.AggregateStreamAsync(uploadId, Deciders.Upload.Initial, Deciders.Upload.Evolve, cancellationToken);
        if (upload is not UploadState.Stored stored || await blobs.GetAsync(stored.BlobId, cancellationToken) is not BlobContent.Found found)
        {
            throw new ReferenceUploadGoneException(uploadId);
        }

        return new PngDecoder(ImageInspector.MaxPixels).Decode(found.Bytes);
    }

    /// <summary>The success, the consumed credits and the job's completion, committed together.</summary>
    /// <returns>False when the generation was deleted meanwhile.</returns>
    private async Task<bool> SucceedAsync(JobAttempt attempt, GenerationRequested requested, Guid blobId, string fingerprint, CancellationToken cancellationToken)
    {
        var store = handler.Store;
        var credits = Deciders.Credits(requested.SubjectId);
        for (var tries = 1; ; tries++)
        {
            var (state, version) = await store.AggregateStreamAsync(requested.GenerationId, Deciders.Generation.Initial, Deciders.Generation.Evolve, cancellationToken);
            var (balance, creditVersion) = await store.AggregateStreamAsync(SubjectStreams.Credits(requested.SubjectId), credits.Initial, credits.Evolve, cancellationToken);
            var now = clock.GetCurrentInstant();
            var succeeded = Deciders.Generation.Decide(new CompleteGeneration(blobId, fingerprint, now), state);
            if (succeeded.IsRejected)
            {
                return false;
            }

            var consumed = credits.Decide(new ConsumeReservation(requested.GenerationId, now), balance);
            var appends = new List<StreamAppend>
            {
                new(requested.GenerationId, Deciders.Generation.StreamType, requested.SubjectId, ExpectedVersion.Exactly(version), Pending(succeeded.Events)),
            };
            if (consumed.Events.Count > 0)
            {
                appends.Add(new StreamAppend(
                    SubjectStreams.Credits(requested.SubjectId), credits.StreamType, requested.SubjectId, ExpectedVersion.AsRead(creditVersion), Pending(consumed.Events)));
            }

            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await store.AppendAsync(appends, connection, transaction, cancellationToken);
                await attempt.CompleteAsync(connection, transaction, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return true;
            }
            catch (Exception e) when (e is WrongExpectedVersionException or TransactionOrderConflictException && tries < 10)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 4 * tries)), cancellationToken);
            }
        }
    }

    private static PendingEvent[] Pending(IReadOnlyList<object> events) => [.. events.Select(e => PendingEvent.Create(e, Worker))];
}
