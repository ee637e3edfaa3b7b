namespace GemPix.Ledger.Marten;

/// <summary>How the ledger seals and signs. The defaults suit production; tests shorten the waits.</summary>
public sealed record MartenLedgerOptions
{
    /// <summary>The subscription's name in Marten's daemon (its progress row in <c>mt_event_progression</c>).</summary>
    public string SubscriptionName { get; init; } = "GemPixLedger";

    /// <summary>Leaves sealed per transaction.</summary>
    public int BatchSize { get; init; } = 2000;

    /// <summary>The least time between two signed tree heads; a head is issued only when leaves were sealed since the last.</summary>
    public TimeSpan HeadInterval { get; init; } = TimeSpan.FromSeconds(5);
}
