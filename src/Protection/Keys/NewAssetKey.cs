using GemPix.Domain.Protection;
using GemPix.EventStore;
using Npgsql;
using NpgsqlTypes;

namespace GemPix.Protection.Keys;

/// <summary>
/// An asset's key that is created by the unit of work that first uses it: <see cref="Create"/> goes into the
/// append's writes ahead of the events (<see cref="AppendWrites.Before"/>), <see cref="Announcement"/> (the
/// commitment, as <see cref="KeyCreated"/>) among its appends. Until <see cref="Kept"/> is called the vault lends it
/// to this unit of work only: disposing it unkept forgets it, so that a key whose creation rolled back is never used.
/// </summary>
public sealed class NewAssetKey : IDisposable
{
    private readonly KeyVault _vault;
    private readonly Guid _parentKeyId;
    private readonly string _wrappedBy;
    private readonly byte[] _wrapped;
    private readonly byte[] _commitment;
    private readonly NodaTime.Instant _createdAt;
    private bool _kept;

    internal NewAssetKey(KeyVault vault, DataKey key, Guid parentKeyId, string wrappedBy, byte[] wrapped, byte[] commitment, NodaTime.Instant createdAt)
    {
        _vault = vault;
        Key = key;
        _parentKeyId = parentKeyId;
        _wrappedBy = wrappedBy;
        _wrapped = wrapped;
        _commitment = commitment;
        _createdAt = createdAt;
    }

    public DataKey Key { get; }

    /// <summary>The key's commitment on the subject's key stream.</summary>
    public StreamAppend Announcement => KeyStreams.Created(Key, _commitment, _createdAt);

    /// <summary>The vault call that stores the wrapped key; it refuses a subject whose personal data was erased (GP010).</summary>
    public NpgsqlBatchCommand Create() => new("CALL gempix_vault.add_asset_key($1, $2, $3, $4, $5, $6, $7, $8)")
    {
        Parameters =
        {
            new NpgsqlParameter<Guid> { TypedValue = Key.Id },
            new NpgsqlParameter<Guid> { TypedValue = Key.SubjectId },
            new NpgsqlParameter<Guid> { TypedValue = Key.AssetId!.Value },
            new NpgsqlParameter<Guid> { TypedValue = _parentKeyId },
            new NpgsqlParameter<string> { TypedValue = _wrappedBy },
            new NpgsqlParameter<byte[]> { TypedValue = _wrapped },
            new NpgsqlParameter<byte[]> { TypedValue = _commitment },
            new NpgsqlParameter<DateTime> { TypedValue = _createdAt.ToDateTimeUtc(), NpgsqlDbType = NpgsqlDbType.TimestampTz },
        },
    };

    /// <summary>The unit of work committed: the key stays in the vault's cache.</summary>
    public void Kept() => _kept = true;

    public void Dispose() => _vault.Return(Key, _kept);
}
