using GemPix.Domain;
using GemPix.Domain.Credits;
using GemPix.Domain.Generations;
using GemPix.Domain.Processing;
using GemPix.EventStore;
using GemPix.EventStore.Jobs;
using GemPix.Projections.Handling;
using GemPix.Protection.Keys;
using Npgsql;

namespace GemPix.Projections.Generations;

/// <summary>
/// A generation asked for: refused while the subject's processing is restricted (Art. 18), validated by its decider,
/// its credits reserved by the credit decider, its prompt's key created and its job queued, all in one transaction
/// sent in one round trip. The reservation is appended at the credit stream's version that was read, so two
/// requests racing for the last credits cannot both pass: one is decided again on the new balance. A generation
/// that exists already (a retry of a request that committed) is answered as it was asked for, never charged again.
/// </summary>
public sealed class GenerationIntake(PostgresEventStore store, NpgsqlDataSource dataSource, JobQueue jobs, KeyVault vault)
{
    private const int MaxAttempts = 10;

    /// <returns>The request's generation event, or the rejection of the generation's or the credits' decider.</returns>
    public async Task<(GenerationRequested? Requested, Rejection? Rejection)> RequestAsync(
        RequestGeneration command, EventMetadata metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var decision = GenerationDecider.Decide(command, GenerationDecider.Initial);
        if (decision.Rejection is { } invalid)
        {
            return (null, invalid);
        }

        var requested = (GenerationRequested)decision.Events[0];
        var credits = Deciders.Credits(command.SubjectId);
        var creditStream = SubjectStreams.Credits(command.SubjectId);
        for (var attempt = 1; ; attempt++)
        {
            var (exists, restricted, balance, version) = await StateAsync(command, creditStream, credits, cancellationToken);
            if (exists)
            {
                return await AlreadyRequestedAsync(command, cancellationToken);
            }

            if (restricted)
            {
                return (null, new ProcessingIsRestricted());
            }

            var reservation = credits.Decide(new ReserveCredits(command.GenerationId, requested.Credits, command.At), balance);
            if (reservation.Rejection is { } refused)
            {
                return (null, refused);
            }

            // The prompt's own key, created in the same round trip and commit as the events that use it.
            using var key = await vault.NewAssetKeyAsync(command.SubjectId, command.GenerationId, cancellationToken);
            try
            {
                await store.AppendAsync(
                    [
                        key.Announcement,
                        new StreamAppend(creditStream, credits.StreamType, command.SubjectId, ExpectedVersion.AsRead(version), [.. reservation.Events.Select(e => PendingEvent.Create(e, metadata))]),
                        new StreamAppend(command.GenerationId, Deciders.Generation.StreamType, command.SubjectId, ExpectedVersion.NoStream, [PendingEvent.Create(requested, metadata)]),
                    ],
                    new AppendWrites([key.Create], jobs.EnqueueWrites(GenerationJobs.For(command.SubjectId, command.GenerationId))),
                    cancellationToken);
                key.Kept();
                return (requested, null);
            }
            catch (Exception e) when (e is WrongExpectedVersionException or TransactionOrderConflictException && attempt < MaxAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 4 * attempt)), cancellationToken);
            }
        }
    }

    /// <summary>
    /// What a request is decided on, in one round trip for nearly every subject: whether the subject's processing is
    /// restricted (Art. 18; folded from the processing stream only where that stream exists, which it does only for
    /// subjects who once asked for a restriction or objected), and the credit state, from <c>gempix.credit_balances</c>
    /// when its version is the credit stream's, otherwise folded from the stream. A reservation for a new generation
    /// reads only the available credits, so the row's balance decides exactly as the whole history would.
    /// </summary>
    private async Task<(bool Exists, bool Restricted, CreditState Credits, long Version)> StateAsync(
        RequestGeneration request, Guid creditStream, Decider<CreditCommand, CreditState> credits, CancellationToken cancellationToken)
    {
        var subjectId = request.SubjectId;
        var processingStream = SubjectStreams.Processing(subjectId);
        long? streamVersion, rowVersion, processingVersion;
        int available;
        bool exists;
        await using (var command = dataSource.CreateCommand(
            """
            SELECT c.version, b.available, b.version, p.version, g.id IS NOT NULL
              FROM (SELECT 1) AS one
              LEFT JOIN gempix.streams c ON c.id = $2
              LEFT JOIN gempix.credit_balances b ON b.subject_id = $1
              LEFT JOIN gempix.streams p ON p.id = $3
              LEFT JOIN gempix.streams g ON g.id = $4
            """))
        {
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = subjectId });
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = creditStream });
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = processingStream });
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = request.GenerationId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            streamVersion = reader.IsDBNull(0) ? null : reader.GetInt64(0);
            available = reader.IsDBNull(1) ? 0 : reader.GetInt32(1);
            rowVersion = reader.IsDBNull(2) ? null : reader.GetInt64(2);
            processingVersion = reader.IsDBNull(3) ? null : reader.GetInt64(3);
            exists = reader.GetBoolean(4);
        }

        if (exists)
        {
            return (true, false, credits.Initial, 0);
        }

        var restricted = false;
        if (processingVersion is not null)
        {
            var processing = Deciders.Processing(subjectId);
            var (state, _) = await store.AggregateStreamAsync(processingStream, processing.Initial, processing.Evolve, cancellationToken);
            restricted = !state.AllowsGeneration;
        }

        if (streamVersion is not { } version)
        {
            return (false, restricted, credits.Initial, 0);
        }

        if (rowVersion == version)
        {
            return (false, restricted, credits.Initial with { Available = available }, version);
        }

        var (folded, foldedVersion) = await store.AggregateStreamAsync(creditStream, credits.Initial, credits.Evolve, cancellationToken);
        return (false, restricted, folded, foldedVersion);
    }

    /// <summary>The request as it was first asked for; an id of another subject's is none of this caller's.</summary>
    private async Task<(GenerationRequested? Requested, Rejection? Rejection)> AlreadyRequestedAsync(RequestGeneration command, CancellationToken cancellationToken)
    {
        await foreach (var recorded in store.ReadStreamAsync(command.GenerationId, 1, cancellationToken))
        {
            return recorded.Data is GenerationRequested requested && requested.SubjectId == command.SubjectId
                ? (requested, null)
                : (null, new GenerationNotFound());
        }

        return (null, new GenerationNotFound());
    }
}
