using System.Collections.Concurrent;
using System.Diagnostics;
using JasperFx;
using Marten.Services;

namespace GemPix.Ledger.Marten.Tests;

/// <summary>
/// Eight writers append through Marten while the daemon seals: some on contested streams (losing on the expected
/// version), some in slow transactions of 1-2 s that hold back seq_ids below later commits, a third of those rolled
/// back. Afterwards every committed event is one leaf, in seq_id order, and nothing else is.
/// </summary>
public sealed class ConcurrencyStressTests : IAsyncLifetime
{
    private static readonly TimeSpan WritingTime = TimeSpan.FromSeconds(12);

    private readonly MartenLedgerHost _host = new();
    private readonly ConcurrentBag<(int Writer, int Number)> _committed = [];
    private readonly ConcurrentBag<(int Writer, int Number)> _rolledBack = [];
    private int _lost;

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Every_committed_event_is_sealed_exactly_once_in_seq_id_order_and_verification_passes()
    {
        await _host.StartDaemonAsync();
        Guid[] contested = [Guid.NewGuid(), Guid.NewGuid()];
        for (var i = 0; i < contested.Length; i++)
        {
            await using var session = _host.Store.LightweightSession();
            session.Events.StartStream(contested[i], new Stamped(-1, i, "contested"));
            await session.SaveChangesAsync();
            _committed.Add((-1, i));
        }

        var deadline = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(() => writer switch
        {
            < 3 => WriteContestedAsync(writer, contested[writer % contested.Length], deadline),
            < 5 => WriteSlowAsync(writer, deadline),
            _ => WriteFastAsync(writer, deadline),
        })));
        await _host.WaitUntilSealedAsync(TimeSpan.FromSeconds(60));

        var rows = await _host.EventSeqIdsAsync();
        (await _host.LeafSeqIdsAsync()).Should().Equal(rows, "every row of mt_events is one leaf, in seq_id order");
        rows.Should().OnlyHaveUniqueItems().And.BeInAscendingOrder();
        // Sorted and compared in order: an equivalence of tens of thousands of items would be quadratic.
        var stamped = (await StampedRowsAsync()).Order().ToList();
        stamped.Should().Equal(_committed.Order(), "exactly the committed events are stored, each once");
        stamped.Intersect(_rolledBack).Should().BeEmpty("no rolled-back event is stored");
        _lost.Should().BePositive("some writers lost on the expected version");
        _rolledBack.Should().NotBeEmpty();

        await _host.Sealer.IssueHeadAsync();
        var verification = await _host.Verifier.VerifyAsync();
        verification.Fault.Should().BeNull();
        verification.Leaves.Should().Be(rows.Count);
        verification.Unsealed.Should().Be(0);
    }

    private async Task WriteContestedAsync(int writer, Guid stream, Stopwatch deadline)
    {
        for (var number = 0; deadline.Elapsed < WritingTime; number++)
        {
            await using var session = _host.Store.LightweightSession();
            var state = await session.Events.FetchStreamStateAsync(stream);
            session.Events.Append(stream, state!.Version + 1, new Stamped(writer, number, "contested"));
            try
            {
                await session.SaveChangesAsync();
                _committed.Add((writer, number));
            }
            catch (ConcurrencyException)
            {
                Interlocked.Increment(ref _lost);
            }
        }
    }

    private async Task WriteSlowAsync(int writer, Stopwatch deadline)
    {
        var random = new Random(writer);
        for (var number = 0; deadline.Elapsed < WritingTime; number += 2)
        {
            await using var connection = await _host.Database.DataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var session = _host.Store.LightweightSession(SessionOptions.ForTransaction(transaction)))
            {
                session.Events.StartStream(Guid.NewGuid(), new Stamped(writer, number, "slow"), new Stamped(writer, number + 1, "slow"));
                await session.SaveChangesAsync();
            }

            // The rows hold their seq_ids while later writers commit above them.
            await using (var sleep = new Npgsql.NpgsqlCommand($"SELECT pg_sleep({1 + random.NextDouble():0.00})", connection, transaction))
            {
                await sleep.ExecuteNonQueryAsync();
            }

            if (number % 3 == 0)
            {
                await transaction.RollbackAsync();
                _rolledBack.Add((writer, number));
                _rolledBack.Add((writer, number + 1));
            }
            else
            {
                await transaction.CommitAsync();
                _committed.Add((writer, number));
                _committed.Add((writer, number + 1));
            }
        }
    }

    private async Task WriteFastAsync(int writer, Stopwatch deadline)
    {
        for (var number = 0; deadline.Elapsed < WritingTime; number += 5)
        {
            await using var session = _host.Store.LightweightSession();
            var count = number % 10 == 0 ? 5 : 1;
            session.Events.StartStream(Guid.NewGuid(), [.. Enumerable.Range(number, count).Select(n => (object)new Stamped(writer, n, "fast"))]);
            await session.SaveChangesAsync();
            for (var n = number; n < number + count; n++)
            {
                _committed.Add((writer, n));
            }
        }
    }

    private async Task<List<(int Writer, int Number)>> StampedRowsAsync()
    {
        await using var command = _host.Database.DataSource.CreateCommand(
            $"SELECT (data->>'writer')::int, (data->>'number')::int FROM {_host.Tables.Events} WHERE type = 'stamped'");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, int)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetInt32(1)));
        }

        return rows;
    }
}
