using System.Security.Cryptography;
using System.Text;
using GemPix.Domain.Protection;
using GemPix.EventStore;
using GemPix.EventStore.Protection;
using GemPix.Protection.Crypto;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace GemPix.Protection.Keys;

/// <summary>
/// The data keys, through the vault's functions (the application role can call nothing else there):
/// a key per subject and scope wrapped by the key-encryption key, and a key per asset wrapped by its
/// subject's personal key. Unwrapped keys are cached in memory, up to a bound (<see cref="KeyCache"/>), until
/// destroyed; a destruction anywhere evicts them here (<see cref="Evict"/>, called on the <c>gempix_keys</c>
/// notification).
/// </summary>
public sealed class KeyVault(
    NpgsqlDataSource dataSource, IKeyEncryptionKeyProvider kek, PostgresEventStore plainStore, IClock clock, int cacheCapacity = KeyVault.DefaultCacheCapacity)
{
    /// <summary>Keys held unwrapped per process by default: about 25 MB of them.</summary>
    public const int DefaultCacheCapacity = 100_000;

    private readonly KeyCache _cache = new(cacheCapacity);

    /// <summary>How many keys this process holds unwrapped now.</summary>
    internal int CachedKeys => _cache.Count;

    /// <summary>The subject's key of <paramref name="scope"/>, created on first use.</summary>
    /// <exception cref="ErasureFenceException">That scope of the subject was erased.</exception>
    public async ValueTask<DataKey> GetOrCreateSubjectKeyAsync(Guid subjectId, DataScope scope, CancellationToken cancellationToken)
    {
        var scopeName = ProtectedJson.NameOf(scope);
        return _cache.OfSubject(subjectId, scopeName) ?? await FindOrCreateAsync(subjectId, scopeName, null, null, cancellationToken);
    }

    /// <summary>The asset's own key, created on first use and wrapped by the subject's personal key.</summary>
    public async ValueTask<DataKey> GetOrCreateAssetKeyAsync(Guid subjectId, Guid assetId, CancellationToken cancellationToken)
    {
        if (_cache.OfAsset(assetId) is { } cached)
        {
            return cached;
        }

        var parent = await GetOrCreateSubjectKeyAsync(subjectId, DataScope.Personal, cancellationToken);
        return await FindOrCreateAsync(subjectId, "asset", assetId, parent, cancellationToken);
    }

    /// <summary>
    /// A new key for an asset that has none, to be created by the unit of work that first uses it rather than in a
    /// transaction of its own. Lent to that unit of work through the cache until it is kept; see <see cref="NewAssetKey"/>.
    /// </summary>
    /// <exception cref="ErasureFenceException">The subject's personal data was erased.</exception>
    public async ValueTask<NewAssetKey> NewAssetKeyAsync(Guid subjectId, Guid assetId, CancellationToken cancellationToken)
    {
        var parent = await GetOrCreateSubjectKeyAsync(subjectId, DataScope.Personal, cancellationToken);
        var (key, wrappedBy, wrapped, commitment) = await MintAsync(subjectId, "asset", assetId, parent, cancellationToken);
        if (!_cache.Lend(key))
        {
            throw new InvalidOperationException($"Asset {assetId} has a key already.");
        }

        return new NewAssetKey(this, key, parent.Id, wrappedBy, wrapped, commitment, clock.GetCurrentInstant());
    }

    /// <summary>A lent key's unit of work ended: kept, the key stays cached; not, it is forgotten.</summary>
    internal void Return(DataKey key, bool kept) => _cache.Return(key, kept);

    /// <summary>The keys among <paramref name="ids"/> that still exist; a destroyed key is absent from the answer.</summary>
    public async ValueTask<IReadOnlyDictionary<Guid, DataKey>> GetKeysAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var found = new Dictionary<Guid, DataKey>(ids.Count);
        var missing = new List<Guid>();
        foreach (var id in ids)
        {
            if (_cache.ById(id) is { } key)
            {
                found[id] = key;
            }
            else
            {
                missing.Add(id);
            }
        }

        if (missing.Count == 0)
        {
            return found;
        }

        var rows = await ReadKeysAsync(missing, cancellationToken);
        // Held here, not only in the cache, which may drop a key as soon as it holds it.
        var parents = new Dictionary<Guid, DataKey>();
        var parentsToRead = new List<Guid>();
        foreach (var parentId in rows.Where(r => r.ParentKeyId is not null).Select(r => r.ParentKeyId!.Value).Distinct())
        {
            if (_cache.ById(parentId) is { } cachedParent)
            {
                parents[parentId] = cachedParent;
            }
            else
            {
                parentsToRead.Add(parentId);
            }
        }

        if (parentsToRead.Count > 0)
        {
            foreach (var parent in await ReadKeysAsync(parentsToRead, cancellationToken))
            {
                parents[parent.Id] = _cache.Remember(await UnwrapAsync(parent, null, cancellationToken));
            }
        }

        foreach (var row in rows)
        {
            var parent = row.ParentKeyId is { } p ? parents.GetValueOrDefault(p) : null;
            if (row.ParentKeyId is not null && parent is null)
            {
                continue; // Its parent was destroyed: the asset key is as good as gone.
            }

            found[row.Id] = _cache.Remember(await UnwrapAsync(row, parent, cancellationToken));
        }

        return found;
    }

    /// <summary>Moves the retain-until date of a billing key forward (never back).</summary>
    public async ValueTask ExtendRetentionAsync(Guid keyId, Instant until, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT gempix_vault.extend_retention($1, $2)");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = keyId });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = until.ToDateTimeUtc() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Forgets every cached key of a subject or an asset (after a destruction, here or in another process).</summary>
    public void Evict(Guid subjectOrAssetId) => _cache.Evict(subjectOrAssetId);

    internal static byte[] Commitment(Guid keyId, ReadOnlySpan<byte> material)
    {
        // Binds the id to the bytes; the hash of 32 random bytes reveals nothing of them.
        Span<byte> input = stackalloc byte[32 + 16 + AesGcmSeal.KeySize];
        Encoding.ASCII.GetBytes("gempix-key-commitment-v1\0\0\0\0\0\0\0\0", input[..32]);
        keyId.TryWriteBytes(input.Slice(32, 16), bigEndian: true, out _);
        material.CopyTo(input[48..]);
        return SHA256.HashData(input);
    }

    private async ValueTask<DataKey> FindOrCreateAsync(Guid subjectId, string scope, Guid? assetId, DataKey? parent, CancellationToken cancellationToken)
    {
        await using (var find = dataSource.CreateCommand("SELECT id, wrapped_by, wrapped FROM gempix_vault.find_key($1, $2, $3)"))
        {
            find.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = subjectId });
            find.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scope });
            find.Parameters.Add(new NpgsqlParameter { Value = assetId is { } a ? a : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                var row = new KeyRow(reader.GetGuid(0), subjectId, scope, assetId, parent?.Id, reader.GetString(1), reader.GetFieldValue<byte[]>(2));
                await reader.DisposeAsync();
                return _cache.Remember(await UnwrapAsync(row, parent, cancellationToken));
            }
        }

        return await CreateAsync(subjectId, scope, assetId, parent, cancellationToken);
    }

    /// <summary>Fresh key material, wrapped by the parent key (an asset's) or the key-encryption key (a subject's).</summary>
    private async ValueTask<(DataKey Key, string WrappedBy, byte[] Wrapped, byte[] Commitment)> MintAsync(
        Guid subjectId, string scope, Guid? assetId, DataKey? parent, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var material = RandomNumberGenerator.GetBytes(AesGcmSeal.KeySize);
        var associated = AssociatedData(id, subjectId, scope);
        var (wrappedBy, wrapped) = parent is null
            ? (kek.KeyId, await kek.WrapAsync(material, associated, cancellationToken))
            : ("key:" + parent.Id, AesGcmSeal.Seal(parent.Material, material, associated));
        return (new DataKey(id, subjectId, scope, assetId, material), wrappedBy, wrapped, Commitment(id, material));
    }

    private async ValueTask<DataKey> CreateAsync(Guid subjectId, string scope, Guid? assetId, DataKey? parent, CancellationToken cancellationToken)
    {
        var (minted, wrappedBy, wrapped, commitment) = await MintAsync(subjectId, scope, assetId, parent, cancellationToken);
        var now = clock.GetCurrentInstant();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        KeyRow kept;
        bool created;
        await using (var create = new NpgsqlCommand("SELECT id, wrapped_by, wrapped, created FROM gempix_vault.create_key($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL)", connection, transaction))
        {
            create.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = minted.Id });
            create.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = subjectId });
            create.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scope });
            create.Parameters.Add(new NpgsqlParameter { Value = assetId is { } a ? a : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
            create.Parameters.Add(new NpgsqlParameter { Value = parent is null ? DBNull.Value : parent.Id, NpgsqlDbType = NpgsqlDbType.Uuid });
            create.Parameters.Add(new NpgsqlParameter<string> { TypedValue = wrappedBy });
            create.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = wrapped });
            create.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = commitment });
            create.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = now.ToDateTimeUtc() });
            try
            {
                await using var reader = await create.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                kept = new KeyRow(reader.GetGuid(0), subjectId, scope, assetId, parent?.Id, reader.GetString(1), reader.GetFieldValue<byte[]>(2));
                created = reader.GetBoolean(3);
            }
            catch (PostgresException e) when (e.SqlState == ErasureFenceException.SqlState)
            {
                throw new ErasureFenceException(e.MessageText, e);
            }
        }

        if (created)
        {
            await plainStore.AppendAsync([KeyStreams.Created(minted, commitment, now)], connection, transaction, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return _cache.Remember(created ? minted : await UnwrapAsync(kept, parent, cancellationToken));
    }

    private async ValueTask<List<KeyRow>> ReadKeysAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id, subject_id, scope, asset_id, parent_key_id, wrapped_by, wrapped FROM gempix_vault.get_keys($1)");
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. ids] });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<KeyRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new KeyRow(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetGuid(3), reader.IsDBNull(4) ? null : reader.GetGuid(4),
                reader.GetString(5), reader.GetFieldValue<byte[]>(6)));
        }

        return rows;
    }

    private async ValueTask<DataKey> UnwrapAsync(KeyRow row, DataKey? parent, CancellationToken cancellationToken)
    {
        var associated = AssociatedData(row.Id, row.SubjectId, row.Scope);
        var material = parent is null
            ? await kek.UnwrapAsync(row.WrappedBy, row.Wrapped, associated, cancellationToken)
            : AesGcmSeal.Open(parent.Material, row.Wrapped, associated);
        return new DataKey(row.Id, row.SubjectId, row.Scope, row.AssetId, material);
    }

    private static byte[] AssociatedData(Guid keyId, Guid subjectId, string scope) =>
        Encoding.UTF8.GetBytes($"gempix-key-v1|{keyId:N}|{subjectId:N}|{scope}");

    private sealed record KeyRow(Guid Id, Guid SubjectId, string Scope, Guid? AssetId, Guid? ParentKeyId, string WrappedBy, byte[] Wrapped);
}
