using System.Collections.Concurrent;

namespace GemPix.Protection.Keys;

/// <summary>
/// The unwrapped keys this process holds, at most <c>capacity</c> of them: past it, a tenth of the entries, taken in
/// no particular order, are dropped, to be read from the vault again when needed. Without a bound the API process
/// would keep the key of every generation it ever created. Keys lent to a unit of work that has not committed yet are
/// held apart: they are never dropped, and only that unit of work can have asked for them.
/// </summary>
internal sealed class KeyCache(int capacity)
{
    private readonly ConcurrentDictionary<Guid, DataKey> _byId = new();
    private readonly ConcurrentDictionary<(Guid Subject, string Scope), Guid> _bySubjectScope = new();
    private readonly ConcurrentDictionary<Guid, Guid> _byAsset = new();
    private readonly ConcurrentDictionary<Guid, DataKey> _lentByAsset = new();
    private int _trimming;

    public int Count => _byId.Count;

    public DataKey? ById(Guid id) => _byId.GetValueOrDefault(id);

    public DataKey? OfSubject(Guid subjectId, string scope) =>
        _bySubjectScope.TryGetValue((subjectId, scope), out var id) ? ById(id) : null;

    public DataKey? OfAsset(Guid assetId) =>
        _lentByAsset.TryGetValue(assetId, out var lent) ? lent : _byAsset.TryGetValue(assetId, out var id) ? ById(id) : null;

    public DataKey Remember(DataKey key)
    {
        _byId[key.Id] = key;
        if (key.AssetId is { } assetId)
        {
            _byAsset[assetId] = key.Id;
        }
        else
        {
            _bySubjectScope[(key.SubjectId, key.Scope)] = key.Id;
        }

        if (_byId.Count > capacity)
        {
            Trim();
        }

        return key;
    }

    /// <summary>Lends a new asset key to the unit of work that creates it; false when the asset has a key here already.</summary>
    public bool Lend(DataKey key) => OfAsset(key.AssetId!.Value) is null && _lentByAsset.TryAdd(key.AssetId!.Value, key);

    /// <summary>The unit of work ended: a key it kept is remembered, one it did not is forgotten.</summary>
    public void Return(DataKey key, bool kept)
    {
        _lentByAsset.TryRemove(new KeyValuePair<Guid, DataKey>(key.AssetId!.Value, key));
        if (kept)
        {
            Remember(key);
        }
    }

    /// <summary>Forgets every key of a subject, or an asset's key.</summary>
    public void Evict(Guid subjectOrAssetId)
    {
        foreach (var key in _byId.Values)
        {
            if (key.SubjectId == subjectOrAssetId || key.AssetId == subjectOrAssetId)
            {
                Drop(key);
            }
        }
    }

    private void Trim()
    {
        // One trimmer at a time; the others go on, the cache briefly a little over its bound.
        if (Interlocked.Exchange(ref _trimming, 1) == 1)
        {
            return;
        }

        try
        {
            var excess = _byId.Count - capacity + (capacity / 10);
            foreach (var key in _byId.Values)
            {
                if (excess-- <= 0)
                {
                    break;
                }

                Drop(key);
            }
        }
        finally
        {
            Volatile.Write(ref _trimming, 0);
        }
    }

    private void Drop(DataKey key)
    {
        _byId.TryRemove(key.Id, out _);
        if (key.AssetId is { } assetId)
        {
            _byAsset.TryRemove(new KeyValuePair<Guid, Guid>(assetId, key.Id));
        }
        else
        {
            _bySubjectScope.TryRemove(new KeyValuePair<(Guid, string), Guid>((key.SubjectId, key.Scope), key.Id));
        }
    }
}
