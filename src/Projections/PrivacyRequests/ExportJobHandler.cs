using GemPix.Domain.PrivacyRequests;
using GemPix.EventStore.Jobs;
using GemPix.Projections.Exports;
using GemPix.Projections.Handling;
using GemPix.Protection.Blobs;
using Npgsql;

namespace GemPix.Projections.PrivacyRequests;

/// <summary>
/// Builds the archive of an access or portability request, stores it encrypted under the request's own key (under
/// the subject's personal key, so an erasure takes it too), and completes the request with it. A request that was
/// answered or denied meanwhile is left alone, so a repeated attempt does no harm.
/// </summary>
public sealed class ExportJobHandler(SubjectExport export, IBlobStore blobs, PrivacyRequestWorkflow workflow, CommandHandler handler) : IJobHandler
{
    public string Queue => ExportJobs.Queue;

    public async Task HandleAsync(JobAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var requestId = ExportJobs.RequestOf(attempt.Job);
        var (state, _) = await handler.Store.AggregateStreamAsync(requestId, Deciders.PrivacyRequest.Initial, Deciders.PrivacyRequest.Evolve, cancellationToken);
        if (state is not PrivacyRequestState.Existing { IsClosed: false } request)
        {
            return;
        }

        using var archive = new MemoryStream();
        await export.WriteAsync(requestId, request.SubjectId, ProcessingStatement.Default, archive, cancellationToken);
        var blobId = await blobs.PutAsync(request.SubjectId, requestId, archive.GetBuffer().AsMemory(0, (int)archive.Length), cancellationToken);
        await workflow.CompleteWithExportAsync(requestId, request.SubjectId, blobId.ToString(), cancellationToken);
    }

    /// <summary>An export that keeps failing stays in progress: the deadline monitor flags it for the privacy team.</summary>
    public Task DeadLetteredAsync(ClaimedJob job, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;
}
