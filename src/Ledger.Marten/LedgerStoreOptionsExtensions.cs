using JasperFx.Events;
using Marten;

namespace GemPix.Ledger.Marten;

/// <summary>Marten configuration for GemPix's tamper-evident ledger.</summary>
public static class LedgerStoreOptionsExtensions
{
    /// <summary>
    /// Adds the ledger's tables to Marten's schema and its subscription to the async daemon: every row of
    /// <c>mt_events</c> becomes one leaf of an RFC 6962 Merkle tree in seq_id order as the daemon delivers committed
    /// events, and <paramref name="sealer"/> signs tree heads. Needs Guid stream identity and Marten's one global
    /// sequence; leaves the daemon's gap settings at their defaults (never skip gaps while a transaction is live).
    /// </summary>
    /// <exception cref="InvalidOperationException">The store is configured in a way the ledger cannot cover.</exception>
    public static StoreOptions UseGemPixLedger(this StoreOptions options, MartenLedgerSealer sealer)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sealer);
        if (options.Events.StreamIdentity != StreamIdentity.AsGuid)
        {
            throw new InvalidOperationException("The GemPix ledger needs Guid stream identity (StreamIdentity.AsGuid).");
        }

        if (!string.Equals(options.Events.DatabaseSchemaName, sealer.Tables.Schema, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The ledger's tables are in schema {sealer.Tables.Schema}, but Marten's events are in {options.Events.DatabaseSchemaName}: set DatabaseSchemaName first.");
        }

        foreach (var table in sealer.Tables.SchemaObjects())
        {
            options.Storage.ExtendedSchemaObjects.Add(table);
        }

        options.Projections.Subscribe(new LedgerSubscription(sealer));
        return options;
    }
}
