using Microsoft.Extensions.Logging;
using Npgsql;

namespace GemPix.EventStore.Projections;

/// <summary>
/// Runs every async projection of this process. Any number of processes may run a daemon against one
/// database: each projection is owned by one of them at a time, and another takes over when the owner dies.
/// </summary>
public sealed class ProjectionDaemon(
    NpgsqlDataSource dataSource,
    GapSafeEventReader reader,
    ProjectionCheckpointStore checkpoints,
    IEnumerable<IAsyncProjection> projections,
    ProjectionDaemonOptions options,
    ILoggerFactory loggerFactory)
{
    private readonly IReadOnlyList<IAsyncProjection> _projections = [.. projections];

    public IReadOnlyList<string> ProjectionNames => [.. _projections.Select(p => p.Name)];

    /// <summary>Follows every projection until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var notifications = new EventNotifications(dataSource, loggerFactory.CreateLogger<EventNotifications>());
        var runs = _projections.Select(p => CreateRunner(p, notifications).RunAsync(cancellationToken)).ToList();
        runs.Add(notifications.ListenAsync(cancellationToken));
        await Task.WhenAll(runs);
    }

    /// <summary>
    /// Rebuilds a projection: removes its state and puts its checkpoint at the start in one transaction, then
    /// replays every event committed before the rebuild began. When another process owns the projection, that
    /// owner replays and this call follows its progress.
    /// </summary>
    /// <exception cref="ProjectionParkedException">The replay stopped at an event that kept failing.</exception>
    public async Task<ProjectionCheckpoint> RebuildAsync(string name, IProgress<RebuildProgress>? progress, CancellationToken cancellationToken)
    {
        var projection = _projections.FirstOrDefault(p => p.Name == name)
            ?? throw new ArgumentException($"No projection is named '{name}'.", nameof(name));
        var target = await reader.ReadLatestCommittedAsync(cancellationToken);
        var total = await CountUpToAsync(target, cancellationToken);

        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await checkpoints.EnsureAsync(name, cancellationToken);
            // Waits for the owner's page in flight, whose checkpoint move then no longer matches and is rolled back.
            await ProjectionCheckpointStore.LockAsync(connection, transaction, name, cancellationToken);
            await projection.ResetAsync(connection, transaction, cancellationToken);
            await ProjectionCheckpointStore.ResetAsync(connection, transaction, name, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        progress?.Report(new RebuildProgress(0, total));
        var notifications = new EventNotifications(dataSource, loggerFactory.CreateLogger<EventNotifications>());
        var runner = CreateRunner(projection, notifications);
        await using var ownership = SessionLockOwnership.ForProjection(dataSource, name);
        var owned = await ownership.TryAcquireAsync(cancellationToken);
        var done = 0L;
        while (true)
        {
            var checkpoint = (await checkpoints.GetAsync(name, cancellationToken))!;
            if (checkpoint.State == ProjectionState.Parked)
            {
                throw new ProjectionParkedException(checkpoint);
            }

            if (checkpoint.Position >= target)
            {
                progress?.Report(new RebuildProgress(total, total));
                return checkpoint;
            }

            if (owned)
            {
                var step = await runner.StepAsync(cancellationToken);
                done += step.Applied;
                if (step.Outcome == BatchOutcome.Idle)
                {
                    // An older transaction still holds the reader back from the rest: wait for it to end.
                    await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
                }
            }
            else
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
                done = await CountUpToAsync(checkpoint.Position, cancellationToken);
            }

            progress?.Report(new RebuildProgress(Math.Min(done, total), total));
        }
    }

    private async Task<long> CountUpToAsync(GlobalPosition position, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM gempix.events WHERE (tx_id, seq) <= ($1, $2)");
        command.Parameters.Add(new NpgsqlParameter<ulong> { TypedValue = position.TxId, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Xid8 });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = position.Seq });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private ProjectionRunner CreateRunner(IAsyncProjection projection, EventNotifications notifications) =>
        new(projection, dataSource, reader, checkpoints, notifications, options, loggerFactory.CreateLogger("GemPix.Projections." + projection.Name));
}
