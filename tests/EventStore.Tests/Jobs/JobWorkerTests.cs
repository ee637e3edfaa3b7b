using GemPix.EventStore.Jobs;
using GemPix.EventStore.Tests.Support;
using GemPix.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using static GemPix.EventStore.Tests.Jobs.TestJobs;
using static GemPix.EventStore.Tests.Support.EventStoreDatabase;

namespace GemPix.EventStore.Tests.Jobs;

public sealed class JobWorkerTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    // Only turns a hang into a failure.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_job_whose_handler_returns_is_completed()
    {
        await using var queue = Queue(db);
        var handler = await HandlerAsync("done");
        var request = Request(handler.Queue);
        await queue.EnqueueAsync(request);

        await using (Run(queue, handler, Options()))
        {
            await Eventually.HoldsAsync(async () => (await StoredJob.GetAsync(db, request.Id)).Status == "succeeded", "the job succeeded");
        }

        handler.Attempts.Should().Equal((request.Id, 1));
    }

    [Fact]
    public async Task A_handler_that_keeps_throwing_is_retried_then_dead_lettered_and_refunded_once()
    {
        // Retries wait one (fake) second; the test moves the clock on while it waits.
        await using var queue = Queue(db, new JobBackoff { Base = Duration.FromSeconds(1), Cap = Duration.FromSeconds(1), Jitter = 0 });
        var handler = await HandlerAsync("throws", body: (_, _) => throw new InvalidOperationException("may quote a prompt"));
        var request = Request(handler.Queue, maxAttempts: 3);
        await queue.EnqueueAsync(request);

        await using (Run(queue, handler, Options()))
        {
            await Eventually.HoldsAsync(
                () =>
                {
                    db.Clock.Advance(Duration.FromSeconds(2));
                    return Task.FromResult(!handler.DeadLettered.IsEmpty);
                },
                "the job was dead-lettered");
        }

        handler.Attempts.Should().Equal((request.Id, 1), (request.Id, 2), (request.Id, 3));
        handler.DeadLettered.Should().Equal(request.Id);
        (await RefundsAsync(handler)).Should().Be(1);
        var stored = await StoredJob.GetAsync(db, request.Id);
        stored.Status.Should().Be("dead");
        stored.Attempts.Should().Be(3);
        stored.LastError.Should().Be("System.InvalidOperationException");
    }

    [Fact]
    public async Task A_lost_lease_cancels_the_handler_and_leaves_the_job_to_its_new_owner()
    {
        await using var queue = Queue(db);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = await HandlerAsync("lost", body: async (_, cancellationToken) =>
        {
            started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                cancelled.TrySetResult();
                throw;
            }
        });
        var request = Request(handler.Queue);
        await queue.EnqueueAsync(request);
        // Heartbeats every 200 ms of real time; the fake clock decides when the lease has run out.
        var options = Options() with { Lease = Duration.FromMilliseconds(600) };

        await using (Run(queue, handler, options))
        {
            await started.Task.WaitAsync(Limit);
            ClaimedJob? taken = null;
            await Eventually.HoldsAsync(
                async () =>
                {
                    db.Clock.Advance(Duration.FromSeconds(1));
                    taken = (await queue.ClaimAsync(handler.Queue, "thief", Lease, 1)).SingleOrDefault();
                    return taken is not null;
                },
                "another owner claimed the expired lease");

            await cancelled.Task.WaitAsync(Limit);
            var stored = await StoredJob.GetAsync(db, request.Id);
            stored.Status.Should().Be("running");
            stored.LeaseOwner.Should().Be("thief");
            stored.Attempts.Should().Be(2);
            (await queue.CompleteAsync(taken!, "thief")).Should().BeTrue();
        }

        handler.DeadLettered.Should().BeEmpty();
    }

    [Fact]
    public async Task An_idle_worker_is_woken_by_an_enqueue_long_before_its_poll()
    {
        await using var queue = Queue(db);
        var handled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = await HandlerAsync("woken", body: (_, _) =>
        {
            handled.TrySetResult();
            return Task.CompletedTask;
        });
        // The listener's connect wakes its first wait; taken here, so that only a notification can wake the worker.
        (await queue.WaitForWorkAsync(handler.Queue, TimeSpan.FromMinutes(10)).WaitAsync(Limit)).Should().BeTrue();
        var worker = Worker(queue, handler, Options() with { PollInterval = TimeSpan.FromMinutes(10) });
        worker.WaitingForWork = () => idle.TrySetResult();

        await using (RunningWorker.Start(worker))
        {
            await idle.Task.WaitAsync(Limit);
            await queue.EnqueueAsync(Request(handler.Queue));

            await handled.Task.WaitAsync(Limit);
        }
    }

    [Fact]
    public async Task A_job_whose_last_attempt_lost_its_worker_is_dead_lettered_without_running()
    {
        await using var queue = Queue(db);
        var handler = await HandlerAsync("exhausted");
        var request = Request(handler.Queue, maxAttempts: 1);
        await queue.EnqueueAsync(request);
        await queue.ClaimAsync(handler.Queue, "crashed", Lease, 1);
        db.Clock.Advance(Lease);

        await using (Run(queue, handler, Options()))
        {
            await Eventually.HoldsAsync(() => Task.FromResult(!handler.DeadLettered.IsEmpty), "the job was dead-lettered");
        }

        handler.Attempts.Should().BeEmpty();
        (await RefundsAsync(handler)).Should().Be(1);
        (await StoredJob.GetAsync(db, request.Id)).LastError.Should().Be(JobFailureReason.LeaseExpired);
    }

    [Fact]
    public async Task A_handler_completes_its_job_with_its_events_in_one_transaction()
    {
        await using var queue = Queue(db);
        var store = db.Store();
        var result = Guid.NewGuid();
        var handler = await HandlerAsync("atomic", body: async (attempt, cancellationToken) =>
        {
            await using var connection = await db.AppDataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await store.AppendAsync([Append(result, ExpectedVersion.NoStream, new Noted("generated"))], connection, transaction, cancellationToken);
            await attempt.CompleteAsync(connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        var request = Request(handler.Queue);
        await queue.EnqueueAsync(request);

        await using (Run(queue, handler, Options()))
        {
            await Eventually.HoldsAsync(async () => (await StoredJob.GetAsync(db, request.Id)).Status == "succeeded", "the job succeeded");
        }

        (await store.ReadStreamAsync(result).ToListAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task A_worker_that_stops_gives_its_running_job_back_uncounted()
    {
        await using var queue = Queue(db);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = await HandlerAsync("stopping", body: async (_, cancellationToken) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        });
        var request = Request(handler.Queue);
        await queue.EnqueueAsync(request);

        await using (Run(queue, handler, Options()))
        {
            await started.Task.WaitAsync(Limit);
        }

        var stored = await StoredJob.GetAsync(db, request.Id);
        stored.Status.Should().Be("queued");
        stored.Attempts.Should().Be(0);
        stored.LeaseOwner.Should().BeNull();
    }

    [Fact]
    public async Task Several_jobs_run_side_by_side_up_to_the_concurrency()
    {
        await using var queue = Queue(db);
        var running = 0;
        var most = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = await HandlerAsync("parallel", body: async (_, cancellationToken) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await release.Task.WaitAsync(cancellationToken);
            Interlocked.Decrement(ref running);
        });
        var requests = Enumerable.Range(0, 6).Select(_ => Request(handler.Queue)).ToList();
        foreach (var request in requests)
        {
            await queue.EnqueueAsync(request);
        }

        await using (Run(queue, handler, Options() with { MaxConcurrency = 3 }))
        {
            await Eventually.HoldsAsync(() => Task.FromResult(Volatile.Read(ref running) == 3), "three jobs run at once");
            release.SetResult();
            await Eventually.HoldsAsync(
                async () => (await queue.GetStatisticsAsync()).Single(s => s.Queue == handler.Queue).Succeeded == 6, "every job succeeded");
        }

        most.Should().Be(3);
    }

    private static JobWorkerOptions Options() => new()
    {
        Owner = "worker-" + Guid.NewGuid().ToString("N")[..8],
        Lease = Duration.FromMinutes(1),
        PollInterval = TimeSpan.FromMilliseconds(50),
    };

    private async Task<RecordingHandler> HandlerAsync(string name, Func<JobAttempt, CancellationToken, Task>? body = null)
    {
        var queue = UniqueQueue(name);
        var table = "gempix.refunds_" + Guid.NewGuid().ToString("N")[..12];
        await db.ExecuteAsync($"CREATE TABLE {table} (job_id uuid PRIMARY KEY); GRANT SELECT, INSERT ON {table} TO gempix_app");
        return new RecordingHandler(queue, table) { Body = body ?? ((_, _) => Task.CompletedTask) };
    }

    private Task<long> RefundsAsync(RecordingHandler handler) => db.ScalarAsync<long>($"SELECT count(*) FROM {handler.RefundTable}");

    private RunningWorker Run(JobQueue queue, RecordingHandler handler, JobWorkerOptions options) =>
        RunningWorker.Start(Worker(queue, handler, options));

    private JobWorker Worker(JobQueue queue, RecordingHandler handler, JobWorkerOptions options) =>
        new(queue, handler, options, db.Clock, NullLogger<JobWorker>.Instance);

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }
}
