namespace GemPix.EventStore.Ledger;

/// <summary>How many leaves are sealed, and the global position of the last: where the sealer continues.</summary>
public readonly record struct LedgerState(long TreeSize, GlobalPosition Position)
{
    public static LedgerState Empty { get; }
}
