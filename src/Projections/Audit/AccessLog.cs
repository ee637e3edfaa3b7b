using GemPix.Domain.Audit;
using GemPix.EventStore;
using GemPix.Projections.Handling;
using NodaTime;

namespace GemPix.Projections.Audit;

/// <summary>
/// Records each read of a subject's data by someone other than the subject (auditors, regulators, operators) as a
/// <see cref="SubjectDataAccessed"/> event on the subject's access-log stream, before the data is handed out: a read
/// that could not be recorded does not happen.
/// </summary>
public sealed class AccessLog(PostgresEventStore store, IClock clock)
{
    public Task RecordAsync(Guid subjectId, string accessorKind, string accessorId, string purpose, string access, CancellationToken cancellationToken) =>
        RecordAsync([subjectId], accessorKind, accessorId, purpose, access, cancellationToken);

    /// <summary>One read that touched several subjects (a page of the ledger): one event per subject, appended together.</summary>
    public async Task RecordAsync(
        IReadOnlyCollection<Guid> subjectIds, string accessorKind, string accessorId, string purpose, string access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subjectIds);
        if (subjectIds.Count == 0)
        {
            return;
        }

        var at = clock.GetCurrentInstant();
        var metadata = new EventMetadata(null, null, accessorKind, accessorId);
        await store.AppendAsync(
            [.. subjectIds.Select(subjectId => new StreamAppend(
                SubjectStreams.AccessLog(subjectId), "access-log", subjectId, ExpectedVersion.Any,
                [PendingEvent.Create(new SubjectDataAccessed(subjectId, accessorKind, accessorId, purpose, access, at), metadata)]))],
            cancellationToken);
    }
}
