using GemPix.EventStore.Jobs;
using GemPix.EventStore.Tests.Support;
using NodaTime;
using static GemPix.EventStore.Tests.Jobs.TestJobs;

namespace GemPix.EventStore.Tests.Jobs;

public sealed class LeaseTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    [Fact]
    public async Task A_heartbeat_extends_the_lease_from_now()
    {
        await using var queue = Queue(db);
        var job = await EnqueueAndClaimAsync(queue, "first");
        db.Clock.Advance(Duration.FromSeconds(40));

        (await queue.HeartbeatAsync(job, "first", Duration.FromSeconds(90))).Should().BeTrue();

        (await StoredJob.GetAsync(db, job.Id)).LeaseUntil.Should().Be(db.Clock.Now + Duration.FromSeconds(90));
    }

    [Fact]
    public async Task A_running_job_is_not_claimed_again_while_its_lease_holds()
    {
        await using var queue = Queue(db);
        var job = await EnqueueAndClaimAsync(queue, "first");
        db.Clock.Advance(Lease - Duration.FromMilliseconds(1));

        (await queue.ClaimAsync(job.Queue, "second", Lease, 10)).Should().BeEmpty();
    }

    [Fact]
    public async Task An_expired_lease_is_claimed_by_another_owner_and_the_first_owner_can_no_longer_act()
    {
        await using var queue = Queue(db);
        var first = await EnqueueAndClaimAsync(queue, "first");
        db.Clock.Advance(Lease);

        var second = (await queue.ClaimAsync(first.Queue, "second", Lease, 10)).Single();

        second.Id.Should().Be(first.Id);
        second.Attempt.Should().Be(2);
        (await queue.HeartbeatAsync(first, "first", Lease)).Should().BeFalse();
        (await queue.CompleteAsync(first, "first")).Should().BeFalse();
        (await queue.FailAsync(first, "first", "System.TimeoutException")).Should().Be(new JobFailureOutcome.LeaseLost());
        (await queue.ReleaseAsync(first, "first")).Should().BeFalse();
        var stored = await StoredJob.GetAsync(db, first.Id);
        stored.Status.Should().Be("running");
        stored.LeaseOwner.Should().Be("second");
        stored.LastError.Should().Be(JobFailureReason.LeaseExpired);
        (await queue.CompleteAsync(second, "second")).Should().BeTrue();
    }

    [Fact]
    public async Task An_owner_that_claims_its_own_expired_job_again_holds_only_the_new_attempt()
    {
        await using var queue = Queue(db);
        var stale = await EnqueueAndClaimAsync(queue, "same");
        db.Clock.Advance(Lease);
        var fresh = (await queue.ClaimAsync(stale.Queue, "same", Lease, 10)).Single();

        (await queue.CompleteAsync(stale, "same")).Should().BeFalse();
        (await queue.CompleteAsync(fresh, "same")).Should().BeTrue();
    }

    [Fact]
    public async Task Only_the_owner_completes_and_completing_ends_the_lease()
    {
        await using var queue = Queue(db);
        var job = await EnqueueAndClaimAsync(queue, "owner");

        (await queue.CompleteAsync(job, "someone-else")).Should().BeFalse();
        (await queue.CompleteAsync(job, "owner")).Should().BeTrue();
        (await queue.CompleteAsync(job, "owner")).Should().BeFalse();

        var stored = await StoredJob.GetAsync(db, job.Id);
        stored.Status.Should().Be("succeeded");
        stored.CompletedAt.Should().Be(db.Clock.Now);
        stored.LeaseOwner.Should().BeNull();
        stored.LeaseUntil.Should().BeNull();
        db.Clock.Advance(Duration.FromDays(1));
        (await queue.ClaimAsync(job.Queue, "owner", Lease, 10)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_released_job_is_claimable_at_once_and_the_attempt_is_not_counted()
    {
        await using var queue = Queue(db);
        var job = await EnqueueAndClaimAsync(queue, "stopping");

        (await queue.ReleaseAsync(job, "stopping")).Should().BeTrue();

        var again = (await queue.ClaimAsync(job.Queue, "next", Lease, 1)).Single();
        again.Id.Should().Be(job.Id);
        again.Attempt.Should().Be(1);
    }

    [Fact]
    public async Task A_job_whose_last_attempt_lost_its_worker_is_claimed_exhausted_and_failing_it_dead_letters_it()
    {
        await using var queue = Queue(db);
        var crashed = await EnqueueAndClaimAsync(queue, "crashed", maxAttempts: 1);
        db.Clock.Advance(Lease);

        var reclaimed = (await queue.ClaimAsync(crashed.Queue, "survivor", Lease, 1)).Single();

        reclaimed.IsExhausted.Should().BeTrue();
        (await queue.FailAsync(reclaimed, "survivor", JobFailureReason.LeaseExpired)).Should().Be(new JobFailureOutcome.DeadLettered());
        (await StoredJob.GetAsync(db, crashed.Id)).Status.Should().Be("dead");
    }

    private async Task<ClaimedJob> EnqueueAndClaimAsync(JobQueue queue, string owner, int maxAttempts = 3)
    {
        var request = Request(UniqueQueue("lease"), maxAttempts);
        await queue.EnqueueAsync(request);
        return (await queue.ClaimAsync(request.Queue, owner, Lease, 1)).Single();
    }
}
