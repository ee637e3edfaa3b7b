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
    public async Task RecordAsync(Guid subjectId, string accessorKind, string accessorId, string purpose, string access, CancellationToken cancellationToken)
    {
        var accessed = new SubjectDataAccessed(subjectId, accessorKind, accessorId, purpose, access, clock.GetCurrentInstant());
        await store.AppendAsync(
            new StreamAppend(SubjectStreams.AccessLog(subjectId), "access-log", subjectId, ExpectedVersion.Any, [PendingEvent.Create(accessed, new EventMetadata(null, null, accessorKind, accessorId))]),
            cancellationToken);
    }
}
