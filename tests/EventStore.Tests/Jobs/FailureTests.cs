using GemPix.EventStore.Jobs;
using GemPix.EventStore.Tests.Support;
using NodaTime;
using static GemPix.EventStore.Tests.Jobs.TestJobs;

namespace GemPix.EventStore.Tests.Jobs;

public sealed class FailureTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    [Fact]
    public async Task Failed_attempts_come_back_after_2_4_8_seconds_and_the_last_is_dead_lettered_once()
    {
        await using var queue = Queue(db);
        var request = Request(UniqueQueue("backoff"), maxAttempts: 4);
        await queue.EnqueueAsync(request);
        var outcomes = new List<JobFailureOutcome>();
        var failedAt = new List<Instant>();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var job = (await queue.ClaimAsync(request.Queue, "worker", Lease, 1)).Single();
            job.Attempt.Should().Be(attempt);
            db.Clock.Advance(Duration.FromSeconds(1));
            failedAt.Add(db.Clock.Now);
            outcomes.Add(await queue.FailAsync(job, "worker", "System.InvalidOperationException"));
            if (outcomes[^1] is JobFailureOutcome.Retrying retrying)
            {
                db.Clock.Set(retrying.RunAfter - Duration.FromMilliseconds(1));
                (await queue.ClaimAsync(request.Queue, "worker", Lease, 1)).Should().BeEmpty("the backoff has not passed");
                db.Clock.Set(retrying.RunAfter);
            }
        }

        outcomes.Should().Equal(
            new JobFailureOutcome.Retrying(failedAt[0] + Duration.FromSeconds(2)),
            new JobFailureOutcome.Retrying(failedAt[1] + Duration.FromSeconds(4)),
            new JobFailureOutcome.Retrying(failedAt[2] + Duration.FromSeconds(8)),
            new JobFailureOutcome.DeadLettered());
        var stored = await StoredJob.GetAsync(db, request.Id);
        stored.Status.Should().Be("dead");
        stored.Attempts.Should().Be(4);
        stored.LastError.Should().Be("System.InvalidOperationException");
        stored.CompletedAt.Should().Be(failedAt[3]);
        stored.LeaseOwner.Should().BeNull();
    }

    [Fact]
    public async Task A_dead_letter_is_answered_once_and_the_dead_job_is_never_claimed_again()
    {
        await using var queue = Queue(db);
        var request = Request(UniqueQueue("dead"), maxAttempts: 1);
        await queue.EnqueueAsync(request);
        var job = (await queue.ClaimAsync(request.Queue, "worker", Lease, 1)).Single();

        var first = await queue.FailAsync(job, "worker", "System.TimeoutException");
        var second = await queue.FailAsync(job, "worker", "System.TimeoutException");

        first.Should().Be(new JobFailureOutcome.DeadLettered());
        second.Should().Be(new JobFailureOutcome.LeaseLost());
        db.Clock.Advance(Duration.FromDays(30));
        (await queue.ClaimAsync(request.Queue, "worker", Lease, 10)).Should().BeEmpty();
    }

    [Fact]
    public async Task Jitter_keeps_a_retry_between_the_nominal_wait_less_its_fraction_and_the_nominal_wait()
    {
        var backoff = new JobBackoff { Base = Duration.FromSeconds(10), Jitter = 0.5 };
        await using var queue = Queue(db, backoff);
        var name = UniqueQueue("jitter");
        for (var i = 0; i < 20; i++)
        {
            await queue.EnqueueAsync(Request(name));
        }

        var now = db.Clock.Now;
        var retries = new List<Instant>();
        foreach (var job in await queue.ClaimAsync(name, "worker", Lease, 20))
        {
            retries.Add(((JobFailureOutcome.Retrying)await queue.FailAsync(job, "worker", "System.IO.IOException")).RunAfter);
        }

        retries.Should().HaveCount(20).And.AllSatisfy(r => r.Should().BeGreaterThanOrEqualTo(now + Duration.FromSeconds(5)).And.BeLessThanOrEqualTo(now + Duration.FromSeconds(10)));
        retries.Distinct().Should().HaveCountGreaterThan(1, "jobs that failed together come back apart");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task A_reason_is_required(string reason)
    {
        await using var queue = Queue(db);
        var request = Request(UniqueQueue("reason"));
        await queue.EnqueueAsync(request);
        var job = (await queue.ClaimAsync(request.Queue, "worker", Lease, 1)).Single();

        var act = () => queue.FailAsync(job, "worker", reason);

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public void A_reason_for_an_exception_is_its_type_name_and_never_its_message()
    {
        var reason = JobFailureReason.Of(new InvalidOperationException("prompt: a portrait of Jane Doe, 12 Main Street"));

        reason.Should().Be("System.InvalidOperationException");
    }
}
