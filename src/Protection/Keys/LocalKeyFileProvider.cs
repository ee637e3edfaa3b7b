using System.Security.Cryptography;
using GemPix.Protection.Crypto;

namespace GemPix.Protection.Keys;

/// <summary>
/// The key-encryption key as a local file (<c>$GEMPIX_DATA/keys/kek.key</c>, 32 random bytes, mode 0600),
/// created on first use. Good for one machine; a deployment with several uses a KMS provider instead.
/// </summary>
public sealed class LocalKeyFileProvider : IKeyEncryptionKeyProvider
{
    private readonly byte[] _key;

    public LocalKeyFileProvider(string dataDirectory)
    {
        _key = LocalSecretFile.ReadOrCreate(dataDirectory, "kek.key");
        KeyId = "local:" + Convert.ToHexStringLower(SHA256.HashData(_key).AsSpan(0, 8));
    }

    public string KeyId { get; }

    public ValueTask<byte[]> WrapAsync(ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> associatedData, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AesGcmSeal.Seal(_key, key.Span, associatedData.Span));

    public ValueTask<byte[]> UnwrapAsync(string wrappedBy, ReadOnlyMemory<byte> wrapped, ReadOnlyMemory<byte> associatedData, CancellationToken cancellationToken)
    {
        if (wrappedBy != KeyId)
        {
            throw new CryptographicException($"Wrapped by {wrappedBy}, but this provider holds {KeyId}.");
        }

        return ValueTask.FromResult(AesGcmSeal.Open(_key, wrapped.Span, associatedData.Span));
    }
}
