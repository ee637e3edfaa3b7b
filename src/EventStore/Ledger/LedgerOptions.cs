namespace GemPix.EventStore.Ledger;

/// <summary>How the sealer paces itself. The defaults suit production; tests shorten the waits.</summary>
public sealed record LedgerOptions
{
    /// <summary>Leaves sealed per transaction.</summary>
    public int BatchSize { get; init; } = 2000;

    /// <summary>The least time between two signed tree heads; a head is issued only when leaves were sealed since the last.</summary>
    public TimeSpan HeadInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an idle sealer waits for a notification before it looks anyway.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a process that does not own the sealer tries to take it over.</summary>
    public TimeSpan OwnershipRetryInterval { get; init; } = TimeSpan.FromSeconds(2);
}
