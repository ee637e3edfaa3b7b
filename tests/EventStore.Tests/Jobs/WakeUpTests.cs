using GemPix.EventStore.Jobs;
using GemPix.EventStore.Tests.Support;
using NodaTime;
using static GemPix.EventStore.Tests.Jobs.TestJobs;

namespace GemPix.EventStore.Tests.Jobs;

public sealed class WakeUpTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    // Far longer than any test may take: a wait that ends in time was ended by a notification.
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(10);

    // Only turns a hang into a failure.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_waiting_worker_is_woken_by_an_enqueue()
    {
        await using var queue = Queue(db);
        var name = UniqueQueue("wake");
        await ListeningAsync(queue, name);

        var waiting = queue.WaitForWorkAsync(name, Long);
        waiting.IsCompleted.Should().BeFalse();
        await queue.EnqueueAsync(Request(name));

        (await waiting.WaitAsync(Limit)).Should().BeTrue();
    }

    [Fact]
    public async Task An_enqueue_in_a_transaction_wakes_the_worker_when_it_commits()
    {
        await using var queue = Queue(db);
        var name = UniqueQueue("commit");
        await ListeningAsync(queue, name);
        var waiting = queue.WaitForWorkAsync(name, Long);

        await using (var connection = await db.AppDataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await queue.EnqueueAsync(Request(name), connection, transaction);
            waiting.IsCompleted.Should().BeFalse("PostgreSQL delivers a notification at commit");
            await transaction.CommitAsync();
        }

        (await waiting.WaitAsync(Limit)).Should().BeTrue();
    }

    [Fact]
    public async Task An_enqueue_while_no_one_waits_still_wakes_the_next_wait()
    {
        await using var queue = Queue(db);
        var name = UniqueQueue("between");
        await ListeningAsync(queue, name);

        await queue.EnqueueAsync(Request(name));

        (await queue.WaitForWorkAsync(name, Long).WaitAsync(Limit)).Should().BeTrue();
    }

    [Fact]
    public async Task A_wait_with_nothing_enqueued_ends_at_its_timeout()
    {
        await using var queue = Queue(db);
        var name = UniqueQueue("quiet");
        await ListeningAsync(queue, name);

        (await queue.WaitForWorkAsync(name, TimeSpan.FromMilliseconds(100))).Should().BeFalse();
    }

    [Fact]
    public async Task A_job_enqueued_for_later_wakes_no_one()
    {
        await using var queue = Queue(db);
        var name = UniqueQueue("later");
        await ListeningAsync(queue, name);

        await queue.EnqueueAsync(Request(name, runAfter: db.Clock.Now + Duration.FromMinutes(5)));
        await queue.EnqueueAsync(Request(UniqueQueue("other")));

        (await queue.WaitForWorkAsync(name, TimeSpan.FromMilliseconds(300))).Should().BeFalse();
    }

    /// <summary>The first wait returns at once, woken by the listener's connect; after it, only notifications wake.</summary>
    private static async Task ListeningAsync(JobQueue queue, string name) =>
        (await queue.WaitForWorkAsync(name, Long).WaitAsync(Limit)).Should().BeTrue();
}
