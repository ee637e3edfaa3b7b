namespace GemPix.Protection.Keys;

/// <summary>
/// The key-encryption key at the top of the hierarchy: it wraps every subject key and never leaves the
/// provider. The local file provider is the default; a cloud KMS is another implementation of this.
/// </summary>
public interface IKeyEncryptionKeyProvider
{
    /// <summary>Names the key-encryption key, recorded beside everything it wraps.</summary>
    string KeyId { get; }

    ValueTask<byte[]> WrapAsync(ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> associatedData, CancellationToken cancellationToken);

    /// <exception cref="System.Security.Cryptography.CryptographicException">Not wrapped by this key, or tampered with.</exception>
    ValueTask<byte[]> UnwrapAsync(string wrappedBy, ReadOnlyMemory<byte> wrapped, ReadOnlyMemory<byte> associatedData, CancellationToken cancellationToken);
}
