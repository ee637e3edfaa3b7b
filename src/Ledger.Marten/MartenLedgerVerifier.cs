using System.Buffers;
using System.Globalization;
using GemPix.EventStore.Ledger;
using Npgsql;

namespace GemPix.Ledger.Marten;

/// <summary>
/// Recomputes the ledger from <c>mt_events</c> alone and checks it against what was sealed and signed: every leaf from
/// its row's columns (<see cref="MartenLeafInputV1"/>), in seq_id order, against the stored leaf; every head's
/// signature, its row against what it signs, and its root against the tree recomputed from the rows; and the latest
/// head's root against the stored nodes that proofs are built from. It names the first bad seq_id.
/// </summary>
/// <remarks>
/// It streams: rows, leaves and heads are read once, in order, each on a connection of its own, and only a compact
/// range of the tree is kept in memory.
/// </remarks>
public sealed class MartenLedgerVerifier(NpgsqlDataSource dataSource, LedgerTables tables, ITreeHeadVerifier signatures)
{
    // Leaves hashed into the tree together: small enough to keep memory flat, large enough to amortise the appender.
    private const int Chunk = 4096;

    private readonly LedgerStore _store = new(dataSource, tables);

    /// <summary>Checks the ledger as sealed when the call starts; rows and heads added meanwhile are left for the next run.</summary>
    public async Task<LedgerVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var checkpoint = await _store.ReadCheckpointAsync(cancellationToken);
        MartenEventSelection selection;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            selection = await MartenEventSelection.ForTableAsync(connection, tables, cancellationToken);
        }

        await using var rows = await StreamedQuery.OpenAsync(
            dataSource, $"SELECT {selection.SelectList} FROM {tables.Events} WHERE seq_id <= $1 AND {MartenEventSelection.LeafRows} ORDER BY seq_id", checkpoint.SeqId, cancellationToken);
        await using var leaves = await StreamedQuery.OpenAsync(
            dataSource, $"SELECT leaf_index, seq_id, leaf_hash FROM {tables.Leaves} WHERE leaf_index < $1 ORDER BY leaf_index", checkpoint.TreeSize, cancellationToken);
        await using var heads = await StreamedQuery.OpenAsync(dataSource, $"{_store.HeadsSql} ORDER BY tree_size", null, cancellationToken);

        var size = checkpoint.TreeSize;
        var tree = new RecomputedTree();
        var fault = await tree.ReadNextHeadAsync(heads.Reader, signatures, cancellationToken);
        var input = new ArrayBufferWriter<byte>(4096);
        var pending = new List<byte[]>(Chunk);
        for (var i = 0L; i < size && fault is null; i++)
        {
            if (!await leaves.Reader.ReadAsync(cancellationToken) || leaves.Reader.GetInt64(0) != i)
            {
                fault = LedgerFault.Leaf(i, $"leaf {i} is missing from {tables.Leaves}");
                break;
            }

            var sealedSeq = leaves.Reader.GetInt64(1);
            if (!await rows.Reader.ReadAsync(cancellationToken))
            {
                fault = LedgerFault.Event(sealedSeq, i, $"sealed as leaf {i}, but no longer in mt_events");
                break;
            }

            var columns = MartenEventSelection.Read(rows.Reader);
            if (columns.SeqId != sealedSeq)
            {
                fault = columns.SeqId < sealedSeq
                    ? LedgerFault.Event(columns.SeqId, i, $"in mt_events before the event sealed as leaf {i} (seq_id {sealedSeq}), but never sealed")
                    : LedgerFault.Event(sealedSeq, i, $"sealed as leaf {i}, but no longer in mt_events");
                break;
            }

            input.ResetWrittenCount();
            MartenLeafInputV1.Write(input, columns);
            var hash = MerkleHash.Leaf(input.WrittenSpan);
            if (!hash.AsSpan().SequenceEqual(leaves.Reader.GetFieldValue<byte[]>(2)))
            {
                fault = LedgerFault.Event(columns.SeqId, i, $"its columns differ from what was sealed as leaf {i}");
                break;
            }

            pending.Add(hash);
            if (pending.Count == Chunk || i + 1 == tree.NextHeadSize || i + 1 == size)
            {
                tree.Append(pending);
                pending.Clear();
                while (fault is null && tree.NextHeadSize == tree.Size)
                {
                    fault = tree.CheckHeadRoot() ?? await tree.ReadNextHeadAsync(heads.Reader, signatures, cancellationToken);
                }
            }
        }

        if (fault is null && size > 0 && await rows.Reader.ReadAsync(cancellationToken))
        {
            var intruder = rows.Reader.GetInt64(0);
            fault = new LedgerFault(intruder, null, null, $"in mt_events before the last sealed event (seq_id {checkpoint.SeqId}), but never sealed");
        }

        fault ??= await CheckRemainingHeadAsync(tree, cancellationToken);
        fault ??= await CheckStoredTreeAsync(tree.Latest, cancellationToken);
        // After a fault at an event, every leaf before it was checked.
        var verified = fault is null ? size : fault.LeafIndex ?? tree.Size;
        return new LedgerVerification(verified, tree.Heads, await CountUnsealedAsync(checkpoint.SeqId, cancellationToken), tree.Latest, fault);
    }

    /// <summary>A head left after the last leaf: fine when it was signed after the verification began, forged otherwise.</summary>
    private async Task<LedgerFault?> CheckRemainingHeadAsync(RecomputedTree tree, CancellationToken cancellationToken)
    {
        if (tree.Next is not { } next)
        {
            return null;
        }

        var sealedNow = (await _store.ReadCheckpointAsync(cancellationToken)).TreeSize;
        return next.TreeSize > sealedNow
            ? LedgerFault.Head(next.TreeSize, $"it claims {next.TreeSize} leaves, but only {sealedNow} are sealed")
            : null;
    }

    /// <summary>Proofs are combined from the stored nodes: they must give the latest head's root too.</summary>
    private async Task<LedgerFault?> CheckStoredTreeAsync(SignedTreeHead? latest, CancellationToken cancellationToken)
    {
        if (latest is null)
        {
            return null;
        }

        try
        {
            var stored = await _store.Tree.RootAsync(latest.TreeSize, cancellationToken);
            return stored.AsSpan().SequenceEqual(latest.RootHash)
                ? null
                : LedgerFault.Head(latest.TreeSize, "the stored nodes give another root than the one it signs");
        }
        catch (MissingMerkleNodeException e)
        {
            return LedgerFault.Head(latest.TreeSize, e.Message);
        }
    }

    private async Task<long> CountUnsealedAsync(long lastSealed, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM {tables.Events} WHERE seq_id > $1 AND {MartenEventSelection.LeafRows}");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = lastSealed });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The tree rebuilt from the rows so far, and the heads checked against it.</summary>
    private sealed class RecomputedTree
    {
        private CompactRange _range = CompactRange.Empty;

        public long Size => _range.Size;

        public int Heads { get; private set; }

        public SignedTreeHead? Latest { get; private set; }

        /// <summary>The next head to check; null when none is left.</summary>
        public SignedTreeHead? Next { get; private set; }

        /// <summary>The size of the next head to check; -1 when none is left.</summary>
        public long NextHeadSize => Next?.TreeSize ?? -1;

        public void Append(IReadOnlyList<byte[]> leafHashes) => _range = MerkleAppender.Append(_range, leafHashes).Range;

        /// <summary>Reads the next head and checks its signature; a fault when it is forged or its row disagrees with what it signs.</summary>
        public async Task<LedgerFault?> ReadNextHeadAsync(NpgsqlDataReader heads, ITreeHeadVerifier signatures, CancellationToken cancellationToken)
        {
            Next = await heads.ReadAsync(cancellationToken) ? LedgerReader.ReadHead(heads) : null;
            if (Next is not { } head)
            {
                return null;
            }

            if (signatures.Verify(head.Jws) is not { } payload)
            {
                return LedgerFault.Head(head.TreeSize, "its signature does not verify against the published keys");
            }

            return SignedTreeHead.ReadPayload(payload) is var (size, root, issuedAt)
                && size == head.TreeSize && root.AsSpan().SequenceEqual(head.RootHash) && issuedAt == head.IssuedAt
                    ? null
                    : LedgerFault.Head(head.TreeSize, "its stored row differs from what it signs");
        }

        /// <summary>At the next head's size: its signed root against the recomputed one.</summary>
        public LedgerFault? CheckHeadRoot()
        {
            var head = Next!;
            if (!_range.Root().AsSpan().SequenceEqual(head.RootHash))
            {
                return LedgerFault.Head(
                    head.TreeSize,
                    string.Create(CultureInfo.InvariantCulture, $"its signed root differs from the root of the {head.TreeSize} leaves recomputed from mt_events"));
            }

            Latest = head;
            Heads++;
            return null;
        }
    }
}
