using GemPix.EventStore.Jobs;
using GemPix.EventStore.Tests.Support;
using static GemPix.EventStore.Tests.Jobs.TestJobs;
using static GemPix.EventStore.Tests.Support.EventStoreDatabase;

namespace GemPix.EventStore.Tests.Jobs;

public sealed class TransactionTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    [Fact]
    public async Task An_event_appended_and_a_job_enqueued_in_one_transaction_that_rolls_back_both_vanish()
    {
        await using var queue = Queue(db);
        var store = db.Store();
        var stream = Guid.NewGuid();
        var request = Request(UniqueQueue("rollback"));

        await using (var connection = await db.AppDataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await store.AppendAsync([Append(stream, ExpectedVersion.NoStream, new Deposited(5))], connection, transaction);
            (await queue.EnqueueAsync(request, connection, transaction)).Should().BeTrue();
            await transaction.RollbackAsync();
        }

        (await store.ReadStreamAsync(stream).ToListAsync()).Should().BeEmpty();
        (await StoredJob.FindAsync(db, request.Id)).Should().BeNull();
    }

    [Fact]
    public async Task An_event_appended_and_a_job_enqueued_in_one_transaction_that_commits_are_both_there()
    {
        await using var queue = Queue(db);
        var store = db.Store();
        var stream = Guid.NewGuid();
        var request = Request(UniqueQueue("commit"));

        await using (var connection = await db.AppDataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await store.AppendAsync([Append(stream, ExpectedVersion.NoStream, new Deposited(5))], connection, transaction);
            await queue.EnqueueAsync(request, connection, transaction);
            await transaction.CommitAsync();
        }

        (await store.ReadStreamAsync(stream).ToListAsync()).Should().ContainSingle();
        (await queue.ClaimAsync(request.Queue, "worker", Lease, 1)).Single().Id.Should().Be(request.Id);
    }

    [Fact]
    public async Task Enqueueing_the_same_id_again_in_a_transaction_is_a_no_op()
    {
        await using var queue = Queue(db);
        var request = Request(UniqueQueue("again"));
        await queue.EnqueueAsync(request);

        await using var connection = await db.AppDataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        (await queue.EnqueueAsync(request, connection, transaction)).Should().BeFalse();
    }

    [Fact]
    public async Task Completion_with_the_result_events_commits_or_rolls_back_with_them()
    {
        await using var queue = Queue(db);
        var store = db.Store();
        var request = Request(UniqueQueue("complete"));
        await queue.EnqueueAsync(request);
        var job = (await queue.ClaimAsync(request.Queue, "worker", Lease, 1)).Single();
        var rolledBack = Guid.NewGuid();
        var committed = Guid.NewGuid();

        await using (var connection = await db.AppDataSource.OpenConnectionAsync())
        {
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                await store.AppendAsync([Append(rolledBack, ExpectedVersion.NoStream, new Noted("result"))], connection, transaction);
                (await queue.CompleteAsync(job, "worker", connection, transaction)).Should().BeTrue();
                await transaction.RollbackAsync();
            }

            (await StoredJob.GetAsync(db, job.Id)).Status.Should().Be("running");

            await using (var transaction = await connection.BeginTransactionAsync())
            {
                await store.AppendAsync([Append(committed, ExpectedVersion.NoStream, new Noted("result"))], connection, transaction);
                (await queue.CompleteAsync(job, "worker", connection, transaction)).Should().BeTrue();
                await transaction.CommitAsync();
            }
        }

        (await store.ReadStreamAsync(rolledBack).ToListAsync()).Should().BeEmpty();
        (await store.ReadStreamAsync(committed).ToListAsync()).Should().ContainSingle();
        (await StoredJob.GetAsync(db, job.Id)).Status.Should().Be("succeeded");
    }

    [Fact]
    public async Task A_dead_letter_rolled_back_with_its_refund_leaves_the_job_running_for_the_owner()
    {
        await using var queue = Queue(db);
        var store = db.Store();
        var request = Request(UniqueQueue("refund"), maxAttempts: 1);
        await queue.EnqueueAsync(request);
        var job = (await queue.ClaimAsync(request.Queue, "worker", Lease, 1)).Single();
        var refund = Guid.NewGuid();

        await using (var connection = await db.AppDataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            (await queue.FailAsync(job, "worker", "System.TimeoutException", connection, transaction)).Should().Be(new JobFailureOutcome.DeadLettered());
            await store.AppendAsync([Append(refund, ExpectedVersion.NoStream, new Deposited(10))], connection, transaction);
            await transaction.RollbackAsync();
        }

        (await store.ReadStreamAsync(refund).ToListAsync()).Should().BeEmpty();
        (await StoredJob.GetAsync(db, job.Id)).Status.Should().Be("running");
        (await queue.FailAsync(job, "worker", "System.TimeoutException")).Should().Be(new JobFailureOutcome.DeadLettered());
    }
}
