using System.Collections.Concurrent;
using GemPix.EventStore.Jobs;
using GemPix.EventStore.Tests.Support;
using NodaTime;
using static GemPix.EventStore.Tests.Jobs.TestJobs;

namespace GemPix.EventStore.Tests.Jobs;

public sealed class ClaimTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    [Fact]
    public async Task Jobs_are_claimed_oldest_due_first_and_none_before_it_is_due()
    {
        await using var queue = Queue(db);
        var name = UniqueQueue("order");
        var now = db.Clock.Now;
        var late = Request(name, runAfter: now + Duration.FromSeconds(30));
        var middle = Request(name, runAfter: now - Duration.FromSeconds(10));
        var early = Request(name, runAfter: now - Duration.FromSeconds(20));
        foreach (var request in new[] { late, middle, early })
        {
            await queue.EnqueueAsync(request);
        }

        var first = await queue.ClaimAsync(name, "worker", Lease, 1);
        var second = await queue.ClaimAsync(name, "worker", Lease, 1);
        var none = await queue.ClaimAsync(name, "worker", Lease, 10);
        db.Clock.Advance(Duration.FromSeconds(30));
        var third = await queue.ClaimAsync(name, "worker", Lease, 10);

        first.Single().Id.Should().Be(early.Id);
        second.Single().Id.Should().Be(middle.Id);
        none.Should().BeEmpty();
        third.Single().Id.Should().Be(late.Id);
    }

    [Fact]
    public async Task A_batch_comes_back_in_due_order_with_what_the_handler_needs()
    {
        await using var queue = Queue(db);
        var name = UniqueQueue("batch");
        var now = db.Clock.Now;
        var requests = Enumerable.Range(0, 5).Select(i => Request(name, maxAttempts: 4, runAfter: now - Duration.FromSeconds(i))).ToList();
        foreach (var request in requests)
        {
            await queue.EnqueueAsync(request);
        }

        var claimed = await queue.ClaimAsync(name, "worker", Lease, 3);

        claimed.Select(j => j.Id).Should().Equal(requests[4].Id, requests[3].Id, requests[2].Id);
        claimed.Should().AllSatisfy(j =>
        {
            j.Queue.Should().Be(name);
            j.Attempt.Should().Be(1);
            j.MaxAttempts.Should().Be(4);
            j.IsExhausted.Should().BeFalse();
            j.LeaseUntil.Should().Be(now + Lease);
            j.CreatedAt.Should().Be(now);
        });
        claimed[0].SubjectId.Should().Be(requests[4].SubjectId);
        GenerationIdOf(claimed[0].Payload).Should().Be(GenerationIdOf(requests[4].Payload));
    }

    [Fact]
    public async Task A_claim_starts_an_attempt_under_the_owner_lease()
    {
        await using var queue = Queue(db);
        var request = Request(UniqueQueue("lease"));
        await queue.EnqueueAsync(request);

        await queue.ClaimAsync(request.Queue, "worker-a", Duration.FromSeconds(90), 1);

        var stored = await StoredJob.GetAsync(db, request.Id);
        stored.Status.Should().Be("running");
        stored.Attempts.Should().Be(1);
        stored.LeaseOwner.Should().Be("worker-a");
        stored.LeaseUntil.Should().Be(db.Clock.Now + Duration.FromSeconds(90));
    }

    [Fact]
    public async Task A_claim_sees_only_its_own_queue()
    {
        await using var queue = Queue(db);
        var mine = UniqueQueue("mine");
        await queue.EnqueueAsync(Request(UniqueQueue("theirs")));

        (await queue.ClaimAsync(mine, "worker", Lease, 10)).Should().BeEmpty();
    }

    [Fact]
    public async Task Concurrent_claimers_share_out_every_job_exactly_once()
    {
        await using var queue = Queue(db);
        var name = UniqueQueue("race");
        var ids = new HashSet<Guid>();
        for (var i = 0; i < 400; i++)
        {
            var request = Request(name);
            ids.Add(request.Id);
            await queue.EnqueueAsync(request);
        }

        var claims = new ConcurrentBag<(string Owner, Guid Id)>();
        var claimers = Enumerable.Range(0, 8).Select(n => Task.Run(async () =>
        {
            var owner = $"claimer-{n}";
            while (await queue.ClaimAsync(name, owner, Lease, 1 + (n % 4)) is { Count: > 0 } jobs)
            {
                foreach (var job in jobs)
                {
                    claims.Add((owner, job.Id));
                }
            }
        }));
        await Task.WhenAll(claimers);

        claims.Select(c => c.Id).Should().OnlyHaveUniqueItems();
        claims.Select(c => c.Id).Should().BeEquivalentTo(ids);
        claims.Select(c => c.Owner).Distinct().Should().HaveCountGreaterThan(1, "the claimers ran side by side");
    }
}
