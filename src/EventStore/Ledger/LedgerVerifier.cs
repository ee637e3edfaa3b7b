using System.Buffers;
using System.Globalization;
using Npgsql;

namespace GemPix.EventStore.Ledger;

/// <summary>
/// Recomputes the ledger from the events table and checks it against what was sealed and signed: every leaf input
/// from its event's columns, every leaf hash, every stored node of the tree, every head's signature and root, and a
/// consistency proof between each head and the one before. It streams: the events, leaves and nodes are read once, in
/// order, each on a connection of its own, and only a compact range of the tree is kept in memory.
/// </summary>
public sealed class LedgerVerifier(NpgsqlDataSource dataSource, ITreeHeadVerifier signatures)
{
    private readonly LedgerReader _ledger = new(dataSource);

    // Leaves hashed into the tree together: small enough to keep memory flat, large enough to amortise the appender.
    private const int Chunk = 4096;

    private const string EventsSql = $"SELECT {LedgerEventColumns.SelectList}, leaf_input FROM gempix.events ORDER BY tx_id, seq LIMIT $1";

    private const int LeafInputOrdinal = LedgerEventColumns.Count;

    private const string LeavesSql = "SELECT leaf_index, seq, leaf_hash FROM gempix.ledger_leaves WHERE leaf_index < $1 ORDER BY leaf_index";

    // In the order the appender completes them: by the leaf that completes each, then upwards.
    private const string NodesSql =
        "SELECT level, node_index, hash FROM gempix.ledger_nodes WHERE (node_index + 1) << level <= $1 ORDER BY (node_index + 1) << level, level";

    private const string HeadsSql = $"{LedgerReader.HeadsSql} ORDER BY tree_size";

    /// <summary>Checks the ledger as sealed when the call starts; events and heads added meanwhile are left for the next run.</summary>
    public async Task<LedgerVerification> VerifyAsync(IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var size = (await _ledger.GetStateAsync(cancellationToken)).TreeSize;
        await using var events = await StreamedQuery.OpenAsync(dataSource, EventsSql, size, cancellationToken);
        await using var leaves = await StreamedQuery.OpenAsync(dataSource, LeavesSql, size, cancellationToken);
        await using var nodes = await StreamedQuery.OpenAsync(dataSource, NodesSql, size, cancellationToken);
        await using var heads = await StreamedQuery.OpenAsync(dataSource, HeadsSql, null, cancellationToken);

        var run = new Run(_ledger.Tree, signatures);
        var fault = await run.CheckNextHeadAsync(heads.Reader, cancellationToken);
        var input = new ArrayBufferWriter<byte>(4096);
        var pending = new List<(long Seq, byte[] Hash)>(Chunk);
        for (var i = 0L; i < size && fault is null; i++)
        {
            if (!await leaves.Reader.ReadAsync(cancellationToken) || leaves.Reader.GetInt64(0) != i)
            {
                fault = LedgerFault.Leaf(i, $"leaf {i} is missing from gempix.ledger_leaves");
                break;
            }

            var sealedSeq = leaves.Reader.GetInt64(1);
            if (!await events.Reader.ReadAsync(cancellationToken))
            {
                fault = LedgerFault.Event(sealedSeq, i, $"sealed as leaf {i}, but no longer in the events table");
                break;
            }

            var columns = LedgerEventColumns.Read(events.Reader);
            if (columns.Seq != sealedSeq)
            {
                fault = LedgerFault.Event(
                    sealedSeq,
                    i,
                    await ExistsAsync(sealedSeq, cancellationToken)
                        ? $"sealed as leaf {i}, but in the global order the events table now has event {columns.Seq} in its place"
                        : $"sealed as leaf {i}, but no longer in the events table");
                break;
            }

            input.ResetWrittenCount();
            LeafInputV1.Write(input, columns);
            if (!input.WrittenSpan.SequenceEqual(events.Reader.GetFieldValue<byte[]>(LeafInputOrdinal)))
            {
                fault = LedgerFault.Event(columns.Seq, i, "its stored leaf input does not match its columns");
                break;
            }

            var hash = MerkleHash.Leaf(input.WrittenSpan);
            if (!hash.AsSpan().SequenceEqual(leaves.Reader.GetFieldValue<byte[]>(2)))
            {
                fault = LedgerFault.Event(columns.Seq, i, $"its columns differ from what was sealed as leaf {i}");
                break;
            }

            pending.Add((columns.Seq, hash));
            if (pending.Count == Chunk || i + 1 == run.NextHeadSize || i + 1 == size)
            {
                fault = await run.AppendAsync(pending, nodes.Reader, cancellationToken)
                    ?? (i + 1 == run.NextHeadSize ? await run.CheckHeadRootAsync(heads.Reader, cancellationToken) : null);
                pending.Clear();
                progress?.Report(i + 1);
            }
        }

        fault ??= await run.CheckRemainingHeadsAsync(_ledger, cancellationToken);
        // After a fault at an event, every leaf before it was checked.
        var verified = fault is null ? size : fault.LeafIndex ?? run.Leaves;
        return new LedgerVerification(verified, run.Heads, await CountUnsealedAsync(size, cancellationToken), run.Latest, fault);
    }

    /// <summary>
    /// Reads every row and column <see cref="VerifyAsync"/> reads, the same way, and checks nothing: the baseline of
    /// <c>bench verify</c>. Returns the number of rows read.
    /// </summary>
    internal async Task<long> ReadOnlyAsync(CancellationToken cancellationToken)
    {
        var size = (await _ledger.GetStateAsync(cancellationToken)).TreeSize;
        await using var events = await StreamedQuery.OpenAsync(dataSource, EventsSql, size, cancellationToken);
        await using var leaves = await StreamedQuery.OpenAsync(dataSource, LeavesSql, size, cancellationToken);
        await using var nodes = await StreamedQuery.OpenAsync(dataSource, NodesSql, size, cancellationToken);
        await using var heads = await StreamedQuery.OpenAsync(dataSource, HeadsSql, null, cancellationToken);
        var rows = 0L;
        while (await events.Reader.ReadAsync(cancellationToken) & await leaves.Reader.ReadAsync(cancellationToken))
        {
            _ = LedgerEventColumns.Read(events.Reader);
            _ = events.Reader.GetFieldValue<byte[]>(LeafInputOrdinal);
            _ = leaves.Reader.GetFieldValue<byte[]>(2);
            rows += 2;
        }

        while (await nodes.Reader.ReadAsync(cancellationToken))
        {
            _ = nodes.Reader.GetFieldValue<byte[]>(2);
            rows++;
        }

        while (await heads.Reader.ReadAsync(cancellationToken))
        {
            _ = LedgerReader.ReadHead(heads.Reader);
            rows++;
        }

        return rows;
    }

    private async Task<bool> ExistsAsync(long seq, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT FROM gempix.events WHERE seq = $1)");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seq });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<long> CountUnsealedAsync(long size, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM gempix.events");
        return Math.Max(0, (long)(await command.ExecuteScalarAsync(cancellationToken))! - size);
    }

    /// <summary>The tree rebuilt so far and the heads checked so far.</summary>
    private sealed class Run(MerkleTree storedTree, ITreeHeadVerifier signatures)
    {
        private CompactRange _range = CompactRange.Empty;
        private SignedTreeHead? _next;

        public long Leaves => _range.Size;

        public int Heads { get; private set; }

        public SignedTreeHead? Latest { get; private set; }

        /// <summary>The size of the next head to check; -1 when none is left.</summary>
        public long NextHeadSize => _next?.TreeSize ?? -1;

        /// <summary>Reads the next head and checks its signature; a fault when it is forged or its row disagrees with what it signs.</summary>
        public async Task<LedgerFault?> CheckNextHeadAsync(NpgsqlDataReader heads, CancellationToken cancellationToken)
        {
            _next = await heads.ReadAsync(cancellationToken) ? LedgerReader.ReadHead(heads) : null;
            if (_next is null)
            {
                return null;
            }

            if (signatures.Verify(_next.Jws) is not { } payload)
            {
                return LedgerFault.Head(_next.TreeSize, "its signature does not verify against the published keys");
            }

            return SignedTreeHead.ReadPayload(payload) is var (size, root, issuedAt)
                && size == _next.TreeSize && root.AsSpan().SequenceEqual(_next.RootHash) && issuedAt == _next.IssuedAt
                ? null
                : LedgerFault.Head(_next.TreeSize, "its stored size, root or time differs from what its signature covers");
        }

        /// <summary>Adds recomputed leaves to the tree and checks each node they complete against the stored one.</summary>
        public async Task<LedgerFault?> AppendAsync(List<(long Seq, byte[] Hash)> leaves, NpgsqlDataReader storedNodes, CancellationToken cancellationToken)
        {
            var append = MerkleAppender.Append(_range, [.. leaves.Select(l => l.Hash)]);
            foreach (var node in append.NewNodes)
            {
                if (node.Id.Level == 0)
                {
                    continue;
                }

                var completedBy = leaves[(int)(node.Id.EndLeaf - 1 - _range.Size)].Seq;
                if (!await storedNodes.ReadAsync(cancellationToken)
                    || storedNodes.GetInt16(0) != node.Id.Level || storedNodes.GetInt64(1) != node.Id.Index)
                {
                    return LedgerFault.Leaf(node.Id.EndLeaf - 1, $"the stored tree lacks node {node.Id} (level/index), completed by event {completedBy}");
                }

                if (!storedNodes.GetFieldValue<byte[]>(2).AsSpan().SequenceEqual(node.Hash))
                {
                    return LedgerFault.Leaf(node.Id.EndLeaf - 1, $"the stored node {node.Id} (level/index) differs from the tree recomputed from the events");
                }
            }

            _range = append.Range;
            return null;
        }

        /// <summary>At a head's size: its signed root against the recomputed one, and a consistency proof from the previous head.</summary>
        public async Task<LedgerFault?> CheckHeadRootAsync(NpgsqlDataReader heads, CancellationToken cancellationToken)
        {
            var head = _next!;
            if (!_range.Root().AsSpan().SequenceEqual(head.RootHash))
            {
                return LedgerFault.Head(head.TreeSize, "its signed root differs from the root of the tree recomputed from the events");
            }

            if (Latest is { } previous)
            {
                var proof = await storedTree.ConsistencyProofAsync(previous.TreeSize, head.TreeSize, cancellationToken);
                if (!MerkleProofVerifier.VerifyConsistency(previous.TreeSize, head.TreeSize, previous.RootHash, head.RootHash, proof))
                {
                    return LedgerFault.Head(
                        head.TreeSize,
                        string.Create(CultureInfo.InvariantCulture, $"the stored tree gives no valid consistency proof from the head of size {previous.TreeSize}"));
                }
            }

            Latest = head;
            Heads++;
            return await CheckNextHeadAsync(heads, cancellationToken);
        }

        /// <summary>Heads left after the last leaf: fine when they were signed after the verification began, forged otherwise.</summary>
        public async Task<LedgerFault?> CheckRemainingHeadsAsync(LedgerReader ledger, CancellationToken cancellationToken)
        {
            if (_next is null)
            {
                return null;
            }

            var sealedNow = (await ledger.GetStateAsync(cancellationToken)).TreeSize;
            return _next.TreeSize > sealedNow
                ? LedgerFault.Head(_next.TreeSize, $"it claims {_next.TreeSize} leaves, but only {sealedNow} are sealed")
                : null;
        }
    }
}
