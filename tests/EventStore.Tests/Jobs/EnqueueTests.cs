using System.Text.Json;
using GemPix.EventStore.Jobs;
using GemPix.EventStore.Tests.Support;
using NodaTime;
using Npgsql;
using static GemPix.EventStore.Tests.Jobs.TestJobs;

namespace GemPix.EventStore.Tests.Jobs;

public sealed class EnqueueTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    [Fact]
    public async Task An_enqueued_job_is_stored_queued_with_no_attempt_and_due_at_once()
    {
        await using var queue = Queue(db);
        var request = Request(UniqueQueue("enqueue"), maxAttempts: 4);

        (await queue.EnqueueAsync(request)).Should().BeTrue();

        var stored = await StoredJob.GetAsync(db, request.Id);
        stored.Status.Should().Be("queued");
        stored.Attempts.Should().Be(0);
        stored.RunAfter.Should().Be(db.Clock.Now);
        stored.LeaseOwner.Should().BeNull();
        GenerationIdOf(stored.Payload).Should().Be(GenerationIdOf(request.Payload));
    }

    [Fact]
    public async Task Enqueueing_the_same_id_twice_is_a_no_op_that_keeps_the_first()
    {
        await using var queue = Queue(db);
        var first = Request(UniqueQueue("twice"));
        var second = first with { Payload = """{"other":true}""", MaxAttempts = 9 };

        (await queue.EnqueueAsync(first)).Should().BeTrue();
        (await queue.EnqueueAsync(second)).Should().BeFalse();

        (await StoredJob.GetAsync(db, first.Id)).Payload.Should().NotContain("other");
    }

    [Fact]
    public async Task Enqueueing_an_id_again_after_the_job_ran_changes_nothing()
    {
        await using var queue = Queue(db);
        var request = Request(UniqueQueue("ran"));
        await queue.EnqueueAsync(request);
        var job = (await queue.ClaimAsync(request.Queue, "worker", Lease, 1)).Single();
        await queue.CompleteAsync(job, "worker");

        (await queue.EnqueueAsync(request)).Should().BeFalse();

        (await StoredJob.GetAsync(db, request.Id)).Status.Should().Be("succeeded");
    }

    [Fact]
    public async Task A_payload_may_be_a_json_element_and_a_job_may_wait_for_a_later_instant()
    {
        await using var queue = Queue(db);
        var later = db.Clock.Now + Duration.FromMinutes(10);
        var request = new JobRequest(Guid.NewGuid(), UniqueQueue("element"), null, JsonSerializer.SerializeToElement(new { exportId = Guid.NewGuid() }), 2, later);

        await queue.EnqueueAsync(request);

        var stored = await StoredJob.GetAsync(db, request.Id);
        stored.RunAfter.Should().Be(later);
        stored.Payload.Should().Contain("exportId");
    }

    [Theory]
    [InlineData("Upper", "{}", 3)]
    [InlineData("9starts-with-a-digit", "{}", 3)]
    [InlineData("has space", "{}", 3)]
    [InlineData("ok", "[1, 2]", 3)]
    [InlineData("ok", "not json", 3)]
    [InlineData("ok", "{}", 0)]
    [InlineData("ok", "{}", 101)]
    public async Task Requests_that_break_the_rules_are_refused_before_the_database(string queueName, string payload, int maxAttempts)
    {
        await using var queue = Queue(db);

        var act = () => queue.EnqueueAsync(new JobRequest(Guid.NewGuid(), queueName, null, payload, maxAttempts));

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task A_payload_too_large_to_hold_only_ids_is_refused()
    {
        await using var queue = Queue(db);
        var payload = JsonSerializer.Serialize(new { text = new string('x', JobRequest.MaxPayloadBytes) });

        var act = () => queue.EnqueueAsync(new JobRequest(Guid.NewGuid(), "ok", null, payload, 3));

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*ids only*");
    }

    [Theory]
    [InlineData("INSERT INTO gempix.jobs (id, queue, payload, max_attempts, run_after, created_at, updated_at, status) VALUES (gen_random_uuid(), 'q', '{}', 1, now(), now(), now(), 'succeeded')")]
    [InlineData("DELETE FROM gempix.jobs")]
    [InlineData("TRUNCATE gempix.jobs")]
    [InlineData("UPDATE gempix.jobs SET payload = '{}'")]
    public async Task The_application_role_may_not_insert_a_finished_job_nor_delete_or_rewrite_one(string sql)
    {
        await using var command = db.AppDataSource.CreateCommand(sql);

        var act = () => command.ExecuteNonQueryAsync();

        (await act.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege);
    }
}
