using GemPix.Domain.Accounts;
using GemPix.Domain.Credits;
using GemPix.Domain.Generations;
using GemPix.EventStore;
using GemPix.Projections.Handling;
using GemPix.Protection.Shredding;
using NodaTime;
using Npgsql;

namespace GemPix.Projections.Erasure;

/// <summary>
/// Erasure of a subject (GDPR Art. 17), in an order that is safe to repeat after a failure at any step:
/// generations still queued or running are cancelled and their credits released; the account is closed
/// (<c>sessions-revoked</c>, <c>account-erased</c>), which removes the subject from every read model and ends every
/// session; then the <c>personal</c> scope is shredded (keys destroyed, blobs deleted, <c>subject-shredded</c>) and the
/// signed certificate issued. The <c>billing</c> scope stays under its legal retention.
/// </summary>
public sealed class SubjectErasure(CommandHandler handler, SubjectShredder shredder, NpgsqlDataSource dataSource, IClock clock)
{
    public async Task<IssuedCertificate> EraseAsync(Guid subjectId, Guid? requestId, EventMetadata metadata, CancellationToken cancellationToken)
    {
        foreach (var generationId in await UnfinishedGenerationsAsync(subjectId, cancellationToken))
        {
            await CancelAsync(subjectId, generationId, metadata, cancellationToken);
        }

        var account = await handler.HandleAsync(
            Deciders.Account, SubjectStreams.Account(subjectId), subjectId, new EraseAccount(clock.GetCurrentInstant()), metadata, cancellationToken);
        if (account.Rejection is not null and not AccountErasedRejection)
        {
            throw new InvalidOperationException($"The account could not be closed: {account.Rejection.Code}.");
        }

        return await shredder.ShredSubjectAsync(subjectId, requestId, cancellationToken);
    }

    private async Task CancelAsync(Guid subjectId, Guid generationId, EventMetadata metadata, CancellationToken cancellationToken)
    {
        var (state, _) = await handler.Store.AggregateStreamAsync(generationId, Deciders.Generation.Initial, Deciders.Generation.Evolve, cancellationToken);
        var now = clock.GetCurrentInstant();
        if (state is GenerationState.Existing existing)
        {
            await handler.HandleAsync(
                Deciders.Generation, generationId, subjectId, new FailGeneration(existing.Attempts, "cancelled by erasure", true, now), metadata, cancellationToken);
        }

        await handler.HandleAsync(
            Deciders.Credits(subjectId), SubjectStreams.Credits(subjectId), subjectId,
            new ReleaseReservation(generationId, "cancelled by erasure", now), metadata, cancellationToken);
    }

    private async Task<List<Guid>> UnfinishedGenerationsAsync(Guid subjectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id FROM gempix.generations WHERE subject_id = $1 AND status IN ('queued', 'running')");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = subjectId });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }
}
