namespace GemPix.EventStore.Ledger;

public enum SealOutcome
{
    /// <summary>Leaves were sealed.</summary>
    Sealed,

    /// <summary>No committed event is waiting.</summary>
    Idle,

    /// <summary>Another seal committed first; nothing was written, and the next seal starts from the stored state.</summary>
    Conflict,
}

/// <summary>What one seal did, and the tree size after it.</summary>
public readonly record struct SealResult(SealOutcome Outcome, int Sealed, long TreeSize);
