using System.Security.Cryptography;

namespace GemPix.Protection.Crypto;

/// <summary>
/// AES-256-GCM with a fresh random 96-bit nonce per message, laid out as nonce ‖ ciphertext ‖ tag.
/// The associated data binds each ciphertext to where it belongs, so it cannot be moved elsewhere.
/// </summary>
public static class AesGcmSeal
{
    public const int KeySize = 32;
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int Overhead = NonceSize + TagSize;

    public static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var sealedBytes = new byte[Overhead + plaintext.Length];
        Seal(key, plaintext, associatedData, sealedBytes);
        return sealedBytes;
    }

    public static void Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> destination)
    {
        var nonce = destination[..NonceSize];
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, destination.Slice(NonceSize, plaintext.Length), destination[(NonceSize + plaintext.Length)..], associatedData);
    }

    /// <exception cref="CryptographicException">Wrong key, wrong associated data, or tampered bytes.</exception>
    public static byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> associatedData)
    {
        if (sealedBytes.Length < Overhead)
        {
            throw new CryptographicException("Sealed data is shorter than its nonce and tag.");
        }

        var plaintext = new byte[sealedBytes.Length - Overhead];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes[..NonceSize], sealedBytes[NonceSize..^TagSize], sealedBytes[^TagSize..], plaintext, associatedData);
        return plaintext;
    }
}
