using GemPix.EventStore;
using Npgsql;

namespace GemPix.Projections.Handling;

/// <summary>
/// Runs a command against one stream: fold the stream with the decider's <c>Evolve</c>, <c>Decide</c>, and append
/// what was decided at the version that was read. A concurrent writer makes the append fail on its expected
/// version; then the whole decision is taken again on the new state, so an invariant such as a balance that
/// never goes negative holds under any concurrency.
/// </summary>
public sealed class CommandHandler(PostgresEventStore store, NpgsqlDataSource dataSource)
{
    private const int MaxAttempts = 10;

    /// <summary>Writes that must commit with the decided events or not at all (a session row, say).</summary>
    public delegate Task AlongsideWrite(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<object> events, CancellationToken cancellationToken);

    public PostgresEventStore Store => store;

    public async Task<Handled<TState>> HandleAsync<TCommand, TState>(
        Decider<TCommand, TState> decider,
        Guid streamId,
        Guid subjectId,
        TCommand command,
        EventMetadata metadata,
        CancellationToken cancellationToken,
        AlongsideWrite? alongside = null)
    {
        ArgumentNullException.ThrowIfNull(decider);
        for (var attempt = 1; ; attempt++)
        {
            var (state, version) = await store.AggregateStreamAsync(streamId, decider.Initial, decider.Evolve, cancellationToken);
            var decision = decider.Decide(command, state);
            if (decision.IsRejected || decision.Events.Count == 0)
            {
                return new Handled<TState>(state, [], decision.Rejection);
            }

            var append = new StreamAppend(
                streamId,
                decider.StreamType,
                subjectId,
                ExpectedVersion.AsRead(version),
                [.. decision.Events.Select(e => PendingEvent.Create(e, metadata))]);
            try
            {
                if (alongside is null)
                {
                    await store.AppendAsync(append, cancellationToken);
                }
                else
                {
                    await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                    await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                    await store.AppendAsync([append], connection, transaction, cancellationToken);
                    await alongside(connection, transaction, decision.Events, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }

                return new Handled<TState>(decision.Events.Aggregate(state, decider.Evolve), decision.Events, null);
            }
            catch (Exception e) when (e is WrongExpectedVersionException or TransactionOrderConflictException && attempt < MaxAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 4 * attempt)), cancellationToken);
            }
        }
    }
}
