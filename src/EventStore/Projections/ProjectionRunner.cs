using System.Diagnostics;
using GemPix.EventStore.Serialization;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GemPix.EventStore.Projections;

/// <summary>
/// Drives one projection: takes ownership, then applies pages of the gap-safe log, each page and the
/// checkpoint's move in one transaction. A failing page is narrowed to its failing event, which is retried
/// with backoff and then parked with its sequence number and error recorded, never skipped.
/// </summary>
internal sealed partial class ProjectionRunner(
    IAsyncProjection projection,
    NpgsqlDataSource dataSource,
    GapSafeEventReader reader,
    ProjectionCheckpointStore checkpoints,
    EventNotifications notifications,
    ProjectionDaemonOptions options,
    ILogger logger)
{
    private static readonly TimeSpan OwnershipCheckInterval = TimeSpan.FromSeconds(5);

    public string Name => projection.Name;

    /// <summary>Owns and follows the projection until cancelled; waits for ownership when another process has it.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await checkpoints.EnsureAsync(Name, cancellationToken);
                await using var ownership = SessionLockOwnership.ForProjection(dataSource, Name);
                if (await ownership.TryAcquireAsync(cancellationToken))
                {
                    LogOwned(logger, Name);
                    await FollowAsync(ownership, cancellationToken);
                    LogOwnershipLost(logger, Name);
                }
                else
                {
                    await Task.Delay(options.OwnershipRetryInterval, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                LogInfrastructureFailure(logger, Name, e);
                await Task.Delay(options.OwnershipRetryInterval, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task FollowAsync(SessionLockOwnership ownership, CancellationToken cancellationToken)
    {
        var sinceCheck = Stopwatch.StartNew();
        while (true)
        {
            var signal = notifications.Next;
            var result = await StepAsync(cancellationToken);
            if (result.Outcome is BatchOutcome.Idle or BatchOutcome.Parked)
            {
                await EventNotifications.WaitAsync(signal, options.PollInterval, cancellationToken);
            }

            if (sinceCheck.Elapsed >= OwnershipCheckInterval || result.Outcome != BatchOutcome.Applied)
            {
                if (!await ownership.IsHeldAsync(cancellationToken))
                {
                    return;
                }

                sinceCheck.Restart();
            }
        }
    }

    /// <summary>Applies the next page; on failure finds the failing event and retries or parks it.</summary>
    public async Task<BatchResult> StepAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await ApplyNextAsync(options.BatchSize, cancellationToken);
        }
        catch (ProjectionEventException)
        {
            // Narrowed down below, one event per transaction.
        }

        var last = default(BatchResult);
        for (var i = 0; i < options.BatchSize; i++)
        {
            try
            {
                last = await ApplyNextAsync(1, cancellationToken);
                if (last.Outcome != BatchOutcome.Applied)
                {
                    return last;
                }
            }
            catch (ProjectionEventException e)
            {
                return await RecordFailureAsync(e, cancellationToken);
            }
        }

        return last;
    }

    private async Task<BatchResult> ApplyNextAsync(int maxCount, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var checkpoint = await ProjectionCheckpointStore.LockAsync(connection, transaction, Name, cancellationToken)
            ?? throw new InvalidOperationException($"Projection '{Name}' has no checkpoint.");
        if (checkpoint.State == ProjectionState.Parked)
        {
            return new BatchResult(BatchOutcome.Parked, 0, checkpoint.Position);
        }

        IReadOnlyList<RecordedEvent> page;
        try
        {
            page = await reader.ReadPageAsync(connection, transaction, checkpoint.Position, maxCount, cancellationToken);
        }
        catch (EventDeserializationException e)
        {
            throw new ProjectionEventException(e.Seq, e);
        }

        if (page.Count == 0)
        {
            return new BatchResult(BatchOutcome.Idle, 0, checkpoint.Position);
        }

        try
        {
            await projection.ApplyAsync(page, connection, transaction, cancellationToken);
        }
        catch (Exception e) when (IsProjectionFault(e, cancellationToken))
        {
            throw new ProjectionEventException(page[0].Seq, e);
        }

        var position = page[^1].Position;
        await ProjectionCheckpointStore.MoveAsync(connection, transaction, Name, position, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new BatchResult(BatchOutcome.Applied, page.Count, position);
    }

    // A lost connection or a cancelled run is not the event's fault: it must not count towards parking.
    private static bool IsProjectionFault(Exception e, CancellationToken cancellationToken) => e switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => false,
        NpgsqlException { IsTransient: true } => false,
        _ => true,
    };

    private async Task<BatchResult> RecordFailureAsync(ProjectionEventException failure, CancellationToken cancellationToken)
    {
        var checkpoint = await checkpoints.GetAsync(Name, cancellationToken);
        var attempts = (checkpoint?.Attempts ?? 0) + 1;
        var park = attempts > options.RetryDelays.Count;
        // Type and message only: exception details can quote row values, and those may be personal data.
        var error = $"{failure.InnerException!.GetType().Name}: {failure.InnerException.Message}";
        await checkpoints.RecordFailureAsync(Name, failure.Seq, error[..Math.Min(error.Length, 2000)], park, cancellationToken);
        if (park)
        {
            LogParked(logger, Name, failure.Seq, attempts, failure.InnerException);
            return new BatchResult(BatchOutcome.Parked, 0, checkpoint?.Position ?? GlobalPosition.Start);
        }

        LogRetrying(logger, Name, failure.Seq, attempts, failure.InnerException);
        await Task.Delay(options.RetryDelays[attempts - 1], cancellationToken);
        return new BatchResult(BatchOutcome.Retrying, 0, checkpoint?.Position ?? GlobalPosition.Start);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Projection {Projection}: owned by this process")]
    private static partial void LogOwned(ILogger logger, string projection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection {Projection}: ownership lost")]
    private static partial void LogOwnershipLost(ILogger logger, string projection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection {Projection}: database unavailable, trying again")]
    private static partial void LogInfrastructureFailure(ILogger logger, string projection, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection {Projection}: event {Seq} failed (attempt {Attempt}); retrying")]
    private static partial void LogRetrying(ILogger logger, string projection, long seq, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Projection {Projection}: parked at event {Seq} after {Attempts} attempts")]
    private static partial void LogParked(ILogger logger, string projection, long seq, int attempts, Exception exception);
}
