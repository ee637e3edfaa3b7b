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
/// requests racing for the last credits cannot both pass: one is decided again on the new balance.
/// </summary>
public sealed class GenerationRequests(PostgresEventStore store, NpgsqlDataSource dataSource, JobQueue jobs, KeyVault vault)
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

        var processing = Deciders.Processing(command.SubjectId);
        var (restrictions, _) = await store.AggregateStreamAsync(SubjectStreams.Processing(command.SubjectId), processing.Initial, processing.Evolve, cancellationToken);
        if (!restrictions.AllowsGeneration)
        {
            return (null, new ProcessingIsRestricted());
        }

        var requested = (GenerationRequested)decision.Events[0];
        var credits = Deciders.Credits(command.SubjectId);
        var creditStream = SubjectStreams.Credits(command.SubjectId);
        for (var attempt = 1; ; attempt++)
        {
            var (balance, version) = await CreditsAsync(command.SubjectId, creditStream, credits, cancellationToken);
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
    /// The credit state a reservation is decided on: from <c>gempix.credit_balances</c> when its version is the credit
    /// stream's (one indexed read), otherwise folded from the stream. A reservation for a new generation reads only
    /// the available credits, so the row's balance decides exactly as the whole history would.
    /// </summary>
    private async Task<(CreditState State, long Version)> CreditsAsync(
        Guid subjectId, Guid creditStream, Decider<CreditCommand, CreditState> credits, CancellationToken cancellationToken)
    {
        await using (var command = dataSource.CreateCommand(
            "SELECT s.version, b.available, b.version FROM gempix.streams s LEFT JOIN gempix.credit_balances b ON b.subject_id = $1 WHERE s.id = $2"))
        {
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = subjectId });
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = creditStream });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return (credits.Initial, 0);
            }

            var streamVersion = reader.GetInt64(0);
            if (!reader.IsDBNull(2) && reader.GetInt64(2) == streamVersion)
            {
                return (credits.Initial with { Available = reader.GetInt32(1) }, streamVersion);
            }
        }

        return await store.AggregateStreamAsync(creditStream, credits.Initial, credits.Evolve, cancellationToken);
    }
}
