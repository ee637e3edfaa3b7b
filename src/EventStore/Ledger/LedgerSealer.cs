using System.Diagnostics;
using GemPix.EventStore.Projections;
using Microsoft.Extensions.Logging;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace GemPix.EventStore.Ledger;

/// <summary>
/// Seals committed events into the ledger in the global order of <see cref="GapSafeEventReader"/> and signs tree heads.
/// </summary>
/// <remarks>
/// <para>A seal is one transaction: a compare-and-set of the tree size in <c>gempix.ledger_state</c> (which also moves
/// the position of the last leaf), the new leaves and the perfect subtrees they complete. A sealer killed mid-seal
/// leaves nothing; two sealers that race (ownership lost and taken over in between) cannot both commit the same tree
/// size, and the primary keys refuse a leaf index or an event sealed twice. So a leaf is never doubled nor skipped,
/// and its index, once committed, never changes.</para>
/// <para>One process seals at a time: the owner of a session advisory lock; another takes over when it dies. The
/// owner keeps the tree's compact range in memory between seals, so a seal reads only the new events.</para>
/// </remarks>
public sealed partial class LedgerSealer(
    NpgsqlDataSource dataSource,
    GapSafeEventReader reader,
    ITreeHeadSigner signer,
    IClock clock,
    LedgerOptions options,
    ILoggerFactory loggerFactory)
{
    private const string OwnershipResource = "ledger:sealer";
    private static readonly TimeSpan OwnershipCheckInterval = TimeSpan.FromSeconds(5);

    private readonly ILogger _logger = loggerFactory.CreateLogger<LedgerSealer>();
    private readonly LedgerReader _ledger = new(dataSource);

    // What this sealer last committed or read: trusted only while the compare-and-set confirms it.
    private (LedgerState State, CompactRange Range)? _sealed;

    /// <summary>Runs between a seal's statements and its commit: lets a test hold, fail or kill a seal in flight.</summary>
    internal Func<CancellationToken, Task>? BeforeCommit { get; set; }

    /// <summary>Owns the sealer and follows the events until cancelled; waits for ownership when another process has it.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var notifications = new EventNotifications(dataSource, loggerFactory.CreateLogger<EventNotifications>());
        await Task.WhenAll(notifications.ListenAsync(cancellationToken), OwnAndFollowAsync(notifications, cancellationToken));
    }

    /// <summary>Seals every event committed so far and signs a head for the result, whoever else is sealing.</summary>
    /// <returns>The latest head, or null when the ledger is empty.</returns>
    public async Task<SignedTreeHead?> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        while ((await SealNextAsync(cancellationToken)).Outcome != SealOutcome.Idle)
        {
        }

        return await IssueHeadAsync(cancellationToken) ?? await _ledger.GetLatestHeadAsync(cancellationToken);
    }

    /// <summary>Seals the next batch of committed events, up to <see cref="LedgerOptions.BatchSize"/>.</summary>
    public async Task<SealResult> SealNextAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var (state, range) = _sealed ?? await LoadAsync(connection, cancellationToken);
        var page = await reader.ReadLeafInputsAsync(connection, state.Position, options.BatchSize, cancellationToken);
        if (page.Count == 0)
        {
            _sealed = (state, range);
            return new SealResult(SealOutcome.Idle, 0, state.TreeSize);
        }

        var leafHashes = new byte[page.Count][];
        for (var i = 0; i < page.Count; i++)
        {
            leafHashes[i] = MerkleHash.Leaf(page[i].LeafInput);
        }

        var append = MerkleAppender.Append(range, leafHashes);
        var next = new LedgerState(append.Range.Size, page[^1].Position);
        _sealed = null;
        if (!await CommitAsync(connection, state, next, page, append.NewNodes, cancellationToken))
        {
            LogLostRace(_logger, state.TreeSize);
            return new SealResult(SealOutcome.Conflict, 0, state.TreeSize);
        }

        _sealed = (next, append.Range);
        return new SealResult(SealOutcome.Sealed, page.Count, next.TreeSize);
    }

    /// <summary>Signs and stores a head for the sealed tree, unless the latest head already covers it.</summary>
    /// <returns>The new head, or null when there was nothing new to sign.</returns>
    public async Task<SignedTreeHead?> IssueHeadAsync(CancellationToken cancellationToken = default)
    {
        var state = await _ledger.GetStateAsync(cancellationToken);
        var latest = await _ledger.GetLatestHeadAsync(cancellationToken);
        if (state.TreeSize == 0 || latest?.TreeSize >= state.TreeSize)
        {
            return null;
        }

        // The root from the stored nodes, not from memory: a head vouches for what a proof will be built from.
        var root = await _ledger.Tree.RootAsync(state.TreeSize, cancellationToken);
        var now = clock.GetCurrentInstant();
        var issuedAt = Instant.FromUnixTimeTicks(now.ToUnixTimeTicks() - (now.ToUnixTimeTicks() % TimeSpan.TicksPerMicrosecond));
        var jws = await signer.SignAsync(SignedTreeHead.Payload(state.TreeSize, root, issuedAt), cancellationToken);
        await using var command = dataSource.CreateCommand(
            "INSERT INTO gempix.ledger_heads (tree_size, root_hash, issued_at, jws) VALUES ($1, $2, $3, $4) ON CONFLICT (tree_size) DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = state.TreeSize });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = root });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = issuedAt.ToDateTimeUtc() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = jws });
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return null;
        }

        LogHeadIssued(_logger, state.TreeSize);
        return new SignedTreeHead(state.TreeSize, root, issuedAt, jws);
    }

    private async Task<(LedgerState, CompactRange)> LoadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var state = await LedgerReader.ReadStateAsync(connection, cancellationToken);
        return (state, await _ledger.Tree.CompactRangeAsync(state.TreeSize, cancellationToken));
    }

    /// <summary>The compare-and-set and the inserts, in one transaction and one round trip; false when another seal won.</summary>
    private async Task<bool> CommitAsync(
        NpgsqlConnection connection,
        LedgerState expected,
        LedgerState next,
        IReadOnlyList<(GlobalPosition Position, byte[] LeafInput)> page,
        IReadOnlyList<MerkleNode> nodes,
        CancellationToken cancellationToken)
    {
        var leafIndexes = new long[page.Count];
        var seqs = new long[page.Count];
        var leafHashes = new byte[page.Count][];
        var levels = new List<short>(nodes.Count);
        var nodeIndexes = new List<long>(nodes.Count);
        var hashes = new List<byte[]>(nodes.Count);
        var leaf = 0;
        foreach (var node in nodes)
        {
            if (node.Id.Level == 0)
            {
                leafIndexes[leaf] = node.Id.Index;
                seqs[leaf] = page[leaf].Position.Seq;
                leafHashes[leaf++] = node.Hash;
            }
            else
            {
                levels.Add((short)node.Id.Level);
                nodeIndexes.Add(node.Id.Index);
                hashes.Add(node.Hash);
            }
        }

        Debug.Assert(leaf == page.Count, "The appender names every new leaf once, in order.");
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("UPDATE gempix.ledger_state SET tree_size = $2, tx_id = $3, seq = $4, updated_at = now() WHERE tree_size = $1")
                {
                    Parameters =
                    {
                        new NpgsqlParameter<long> { TypedValue = expected.TreeSize },
                        new NpgsqlParameter<long> { TypedValue = next.TreeSize },
                        new NpgsqlParameter<ulong> { TypedValue = next.Position.TxId, NpgsqlDbType = NpgsqlDbType.Xid8 },
                        new NpgsqlParameter<long> { TypedValue = next.Position.Seq },
                    },
                },
                new NpgsqlBatchCommand("INSERT INTO gempix.ledger_leaves (leaf_index, seq, leaf_hash) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bytea[])")
                {
                    Parameters =
                    {
                        new NpgsqlParameter<long[]> { TypedValue = leafIndexes },
                        new NpgsqlParameter<long[]> { TypedValue = seqs },
                        new NpgsqlParameter<byte[][]> { TypedValue = leafHashes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
                    },
                },
                new NpgsqlBatchCommand("INSERT INTO gempix.ledger_nodes (level, node_index, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])")
                {
                    Parameters =
                    {
                        new NpgsqlParameter<short[]> { TypedValue = [.. levels], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint },
                        new NpgsqlParameter<long[]> { TypedValue = [.. nodeIndexes] },
                        new NpgsqlParameter<byte[][]> { TypedValue = [.. hashes], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
                    },
                },
            },
        };

        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Another seal committed these leaves first.
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        if (batch.BatchCommands[0].RecordsAffected != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        if (BeforeCommit is { } hook)
        {
            await hook(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task OwnAndFollowAsync(EventNotifications notifications, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var ownership = new SessionLockOwnership(dataSource, OwnershipResource);
                if (await ownership.TryAcquireAsync(cancellationToken))
                {
                    LogOwned(_logger);
                    await FollowAsync(ownership, notifications, cancellationToken);
                    LogOwnershipLost(_logger);
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
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or MissingMerkleNodeException)
            {
                _sealed = null;
                LogFailure(_logger, e);
                await Task.Delay(options.OwnershipRetryInterval, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task FollowAsync(SessionLockOwnership ownership, EventNotifications notifications, CancellationToken cancellationToken)
    {
        // Whatever a previous owner did meanwhile, start from what is committed.
        _sealed = null;
        var lastHead = 0L;
        var sinceCheck = Stopwatch.StartNew();
        while (true)
        {
            var signal = notifications.Next;
            var result = await SealNextAsync(cancellationToken);
            // The clock restarts only with a head, so after a quiet spell the first new leaves get one at once.
            if (Stopwatch.GetElapsedTime(lastHead) >= options.HeadInterval && await IssueHeadAsync(cancellationToken) is not null)
            {
                lastHead = Stopwatch.GetTimestamp();
            }

            if (result.Outcome == SealOutcome.Idle)
            {
                await EventNotifications.WaitAsync(signal, options.PollInterval, cancellationToken);
            }

            if (sinceCheck.Elapsed >= OwnershipCheckInterval || result.Outcome != SealOutcome.Sealed)
            {
                if (!await ownership.IsHeldAsync(cancellationToken))
                {
                    return;
                }

                sinceCheck.Restart();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ledger sealer: owned by this process")]
    private static partial void LogOwned(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ledger sealer: ownership lost")]
    private static partial void LogOwnershipLost(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ledger sealer: another seal committed tree size {TreeSize} first; starting again from the stored state")]
    private static partial void LogLostRace(ILogger logger, long treeSize);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ledger sealer: signed the tree head of size {TreeSize}")]
    private static partial void LogHeadIssued(ILogger logger, long treeSize);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ledger sealer: failed, trying again")]
    private static partial void LogFailure(ILogger logger, Exception exception);
}
