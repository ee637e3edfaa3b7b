using System.Data;
using GemPix.EventStore.Tests.Support;

namespace GemPix.EventStore.Tests;

public sealed class SubjectEventReaderTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    private readonly PostgresEventStore _store = db.Store();

    [Fact]
    public async Task Reads_every_event_of_the_subject_across_pages_in_sequence_order_and_no_one_elses()
    {
        var (subject, neighbour) = (Guid.NewGuid(), Guid.NewGuid());
        var (first, second, theirs) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        // More than a page, in two streams of the subject interleaved with a neighbour's.
        for (var round = 0; round < 3; round++)
        {
            await _store.AppendAsync(
            [
                Of(first, subject, 400, round),
                Of(theirs, neighbour, 50, round),
                Of(second, subject, 200, round),
            ]);
        }

        await using var connection = await db.AppDataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead);
        var events = await new SubjectEventReader(db.Serializer).ReadAsync(subject, connection, transaction).ToListAsync();

        events.Should().HaveCount(1800).And.BeInAscendingOrder(e => e.Seq);
        events.Should().OnlyContain(e => e.SubjectId == subject && (e.StreamId == first || e.StreamId == second));
        events.Where(e => e.StreamId == first).Select(e => e.Version).Should().Equal(Enumerable.Range(1, 1200).Select(v => (long)v));
        events.Last().Data.Should().Be(new Deposited(2 * 1000 + 199));
    }

    [Fact]
    public async Task A_snapshot_does_not_see_what_is_appended_while_it_reads()
    {
        var subject = Guid.NewGuid();
        await _store.AppendAsync(Of(Guid.NewGuid(), subject, 10, 0));
        await using var connection = await db.AppDataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead);
        var reader = new SubjectEventReader(db.Serializer);
        var before = await reader.ReadAsync(subject, connection, transaction).ToListAsync();

        await _store.AppendAsync(Of(Guid.NewGuid(), subject, 5, 1));
        var again = await reader.ReadAsync(subject, connection, transaction).ToListAsync();

        before.Should().HaveCount(10);
        again.Select(e => e.Id).Should().Equal(before.Select(e => e.Id));
    }

    private static StreamAppend Of(Guid stream, Guid subject, int count, int round) =>
        new(stream, "account", subject, ExpectedVersion.Any, [.. Enumerable.Range(0, count).Select(i => PendingEvent.Create(new Deposited(round * 1000 + i)))]);
}
