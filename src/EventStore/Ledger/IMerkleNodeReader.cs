namespace GemPix.EventStore.Ledger;

/// <summary>Reads stored perfect-subtree hashes in one batch, so that a root or a proof costs one round trip.</summary>
public interface IMerkleNodeReader
{
    /// <summary>The hashes of those of <paramref name="ids"/> that are stored; a node not stored is left out.</summary>
    ValueTask<IReadOnlyDictionary<NodeId, byte[]>> ReadAsync(IReadOnlyCollection<NodeId> ids, CancellationToken ct);
}
