using GemPix.Protection.Keys;

namespace GemPix.Protection.Marten;

/// <summary>
/// The vault as Marten's serializer must use it: synchronously, since System.Text.Json converters cannot await. A key
/// found in the vault's cache costs nothing; <see cref="KeyPreparingListener"/> puts the keys of a unit of work there
/// before Marten serializes it. Only a key missing from the cache (dropped by its bound meanwhile, or one a read needs
/// for the first time in this process) blocks the serializing thread on a vault query.
/// </summary>
internal sealed class FieldKeys(KeyVault vault)
{
    public KeyVault Vault => vault;

    /// <summary>The key a value being written needs, created when it does not exist yet.</summary>
    public DataKey ForWriting(KeyRequest request) => Wait(PrepareAsync(request, CancellationToken.None));

    /// <summary>The key of a stored value; null when it was destroyed.</summary>
    public DataKey? ForReading(Guid keyId) => Wait(vault.GetKeysAsync([keyId], CancellationToken.None)).GetValueOrDefault(keyId);

    /// <summary>The key a value about to be written needs, created when it does not exist yet; cached for the serializer.</summary>
    public ValueTask<DataKey> PrepareAsync(KeyRequest request, CancellationToken cancellationToken) => request.AssetId is { } assetId
        ? vault.GetOrCreateAssetKeyAsync(request.SubjectId, assetId, cancellationToken)
        : vault.GetOrCreateSubjectKeyAsync(request.SubjectId, request.Scope, cancellationToken);

    // A cached key completes synchronously; anything else is the blocking fallback the remarks above describe.
    private static T Wait<T>(ValueTask<T> pending) => pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
}
