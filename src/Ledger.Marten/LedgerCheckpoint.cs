namespace GemPix.Ledger.Marten;

/// <summary>How many leaves are sealed, and the seq_id of the last: where sealing continues.</summary>
public readonly record struct LedgerCheckpoint(long TreeSize, long SeqId)
{
    public static LedgerCheckpoint Empty { get; }
}
