using System.Buffers;
using System.Diagnostics;
using GemPix.EventStore.Ledger;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Npgsql;

namespace GemPix.Ledger.Marten;

/// <summary>
/// Seals the rows of <c>mt_events</c> into the ledger in seq_id order, up to a sequence number that Marten's daemon
/// says is safe, and signs tree heads. <see cref="LedgerSubscription"/> drives it from the daemon.
/// </summary>
/// <remarks>
/// <para>The daemon hands a subscription a page only up to its high-water mark: every seq_id at or below it is either
/// committed or will never be. The sealer therefore reads the rows themselves, by seq_id, from the last sealed one to
/// the page's ceiling: the leaf hashes the stored columns, not Marten's deserialized events, and Marten's own rows
/// (tombstones) are sealed like any other.</para>
/// <para>A seal is one transaction: a compare-and-set of the tree size in the state row, the new leaves and the
/// perfect subtrees they complete. The ledger's checkpoint is its own, not the daemon's progress: a page delivered
/// again after a restart finds its rows sealed already and seals nothing, and a sealer killed mid-seal leaves nothing.
/// So no row is ever sealed twice or skipped, and a leaf index never moves.</para>
/// </remarks>
public sealed partial class MartenLedgerSealer
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly LedgerTables _tables;
    private readonly ITreeHeadSigner _signer;
    private readonly IClock _clock;
    private readonly MartenLedgerOptions _options;
    private readonly ILogger _logger;
    private readonly LedgerStore _store;
    // Built once the columns of mt_events are known.
    private string? _pageSql;

    // What this sealer last committed or read: trusted only while the compare-and-set confirms it.
    private (LedgerCheckpoint Checkpoint, CompactRange Range)? _sealed;

    private long _lastHead;

    public MartenLedgerSealer(
        NpgsqlDataSource dataSource,
        LedgerTables tables,
        ITreeHeadSigner signer,
        IClock clock,
        MartenLedgerOptions? options = null,
        ILogger<MartenLedgerSealer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(clock);
        _dataSource = dataSource;
        _tables = tables;
        _signer = signer;
        _clock = clock;
        _options = options ?? new MartenLedgerOptions();
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _store = new LedgerStore(dataSource, tables);
    }

    public LedgerTables Tables => _tables;

    public MartenLedgerOptions Options => _options;

    /// <summary>Roots and proofs of the sealed tree at any size, from the stored nodes.</summary>
    public MerkleTree Tree => _store.Tree;

    /// <summary>Runs between a seal's statements and its commit: lets a test hold, fail or kill a seal in flight.</summary>
    internal Func<CancellationToken, Task>? BeforeCommit { get; set; }

    /// <summary>The stored checkpoint: how many leaves are sealed and the last one's seq_id.</summary>
    public Task<LedgerCheckpoint> ReadCheckpointAsync(CancellationToken cancellationToken = default) => _store.ReadCheckpointAsync(cancellationToken);

    /// <summary>The latest signed tree head; null before the first.</summary>
    public Task<SignedTreeHead?> ReadLatestHeadAsync(CancellationToken cancellationToken = default) => _store.ReadLatestHeadAsync(cancellationToken);

    /// <summary>
    /// Seals every row of <c>mt_events</c> up to seq_id <paramref name="ceiling"/> that is not sealed yet. The caller
    /// vouches that nothing at or below the ceiling can still commit: Marten's high-water mark.
    /// </summary>
    public async Task SealThroughAsync(long ceiling, CancellationToken cancellationToken = default)
    {
        while ((await SealNextAsync(ceiling, cancellationToken)).Outcome != SealOutcome.Idle)
        {
        }
    }

    /// <summary>Seals the next batch of rows up to seq_id <paramref name="ceiling"/>, at most <see cref="MartenLedgerOptions.BatchSize"/>.</summary>
    public async Task<SealResult> SealNextAsync(long ceiling, CancellationToken cancellationToken = default)
    {
        var (checkpoint, range) = _sealed ?? await LoadAsync(cancellationToken);
        var page = await ReadPageAsync(checkpoint.SeqId, ceiling, cancellationToken);
        if (page.Count == 0)
        {
            _sealed = (checkpoint, range);
            return new SealResult(SealOutcome.Idle, 0, checkpoint.TreeSize);
        }

        var seqIds = new long[page.Count];
        var leafHashes = new byte[page.Count][];
        for (var i = 0; i < page.Count; i++)
        {
            seqIds[i] = page[i].SeqId;
            leafHashes[i] = page[i].LeafHash;
        }

        var append = MerkleAppender.Append(range, leafHashes);
        var next = new LedgerCheckpoint(append.Range.Size, seqIds[^1]);
        _sealed = null;
        if (!await _store.TryCommitAsync(checkpoint, next, seqIds, append.NewNodes, BeforeCommit, cancellationToken))
        {
            LogLostRace(_logger, checkpoint.TreeSize);
            return new SealResult(SealOutcome.Conflict, 0, checkpoint.TreeSize);
        }

        _sealed = (next, append.Range);
        return new SealResult(SealOutcome.Sealed, page.Count, next.TreeSize);
    }

    /// <summary>Signs a head when <see cref="MartenLedgerOptions.HeadInterval"/> has passed since this sealer's last.</summary>
    public async Task<SignedTreeHead?> IssueHeadIfDueAsync(CancellationToken cancellationToken = default)
    {
        // The clock restarts only with a head, so after a quiet spell the first new leaves get one at once.
        if (_lastHead != 0 && Stopwatch.GetElapsedTime(_lastHead) < _options.HeadInterval)
        {
            return null;
        }

        var head = await IssueHeadAsync(cancellationToken);
        if (head is not null)
        {
            _lastHead = Stopwatch.GetTimestamp();
        }

        return head;
    }

    /// <summary>Signs and stores a head for the sealed tree, unless the latest head already covers it.</summary>
    /// <returns>The new head, or null when there was nothing new to sign.</returns>
    public async Task<SignedTreeHead?> IssueHeadAsync(CancellationToken cancellationToken = default)
    {
        var checkpoint = await _store.ReadCheckpointAsync(cancellationToken);
        var latest = await _store.ReadLatestHeadAsync(cancellationToken);
        if (checkpoint.TreeSize == 0 || latest?.TreeSize >= checkpoint.TreeSize)
        {
            return null;
        }

        // The root from the stored nodes, not from memory: a head vouches for what a proof will be built from.
        var root = await _store.Tree.RootAsync(checkpoint.TreeSize, cancellationToken);
        var now = _clock.GetCurrentInstant();
        var issuedAt = Instant.FromUnixTimeTicks(now.ToUnixTimeTicks() - (now.ToUnixTimeTicks() % TimeSpan.TicksPerMicrosecond));
        var jws = await _signer.SignAsync(SignedTreeHead.Payload(checkpoint.TreeSize, root, issuedAt), cancellationToken);
        var head = new SignedTreeHead(checkpoint.TreeSize, root, issuedAt, jws);
        if (!await _store.TryInsertHeadAsync(head, cancellationToken))
        {
            return null;
        }

        LogHeadIssued(_logger, checkpoint.TreeSize);
        return head;
    }

    private async Task<(LedgerCheckpoint, CompactRange)> LoadAsync(CancellationToken cancellationToken)
    {
        var checkpoint = await _store.ReadCheckpointAsync(cancellationToken);
        return (checkpoint, await _store.Tree.CompactRangeAsync(checkpoint.TreeSize, cancellationToken));
    }

    private async Task<List<(long SeqId, byte[] LeafHash)>> ReadPageAsync(long after, long ceiling, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        if (_pageSql is null)
        {
            var selection = await MartenEventSelection.ForTableAsync(connection, _tables, cancellationToken);
            _pageSql = $"SELECT {selection.SelectList} FROM {_tables.Events} WHERE seq_id > $1 AND seq_id <= $2 AND {MartenEventSelection.LeafRows} ORDER BY seq_id LIMIT $3";
        }

        await using var command = new NpgsqlCommand(_pageSql, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ceiling });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _options.BatchSize });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var page = new List<(long, byte[])>();
        var input = new ArrayBufferWriter<byte>(1024);
        while (await reader.ReadAsync(cancellationToken))
        {
            var columns = MartenEventSelection.Read(reader);
            input.ResetWrittenCount();
            MartenLeafInputV1.Write(input, columns);
            page.Add((columns.SeqId, MerkleHash.Leaf(input.WrittenSpan)));
        }

        return page;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ledger on Marten: another seal committed tree size {TreeSize} first; starting again from the stored state")]
    private static partial void LogLostRace(ILogger logger, long treeSize);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ledger on Marten: signed the tree head of size {TreeSize}")]
    private static partial void LogHeadIssued(ILogger logger, long treeSize);
}
