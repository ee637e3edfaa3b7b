namespace GemPix.Protection.Shredding;

/// <summary>The latest signed tree head of the ledger, for certificates to cite; null while there is none.</summary>
public interface ILedgerCheckpointSource
{
    Task<LedgerCheckpoint?> GetLatestAsync(CancellationToken cancellationToken);
}
