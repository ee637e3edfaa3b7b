using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using GemPix.Protection.Crypto;
using GemPix.Protection.Keys;
using GemPix.Protection.Signing;

namespace GemPix.Protection.Marten;

/// <summary>
/// One encrypted value inside a Marten event or document: version ‖ key id ‖ nonce ‖ ciphertext ‖ tag, base64url, the
/// layout of <see cref="FieldEnvelope"/>. The associated data differs: Marten's serializer never sees the event id, so
/// it binds the subject, the key and the field (the stored type name and the property) instead. Version 2 says so.
/// </summary>
internal static class MartenFieldEnvelope
{
    private const byte Version = 2;
    private const int HeaderSize = 1 + 16;
    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("gempix-marten-field-v2");

    public static string Seal(DataKey key, Guid subjectId, string field, ReadOnlySpan<byte> plaintext)
    {
        var bytes = new byte[HeaderSize + AesGcmSeal.Overhead + plaintext.Length];
        bytes[0] = Version;
        key.Id.TryWriteBytes(bytes.AsSpan(1, 16), bigEndian: true, out _);
        AesGcmSeal.Seal(key.Material, plaintext, AssociatedData(subjectId, key.Id, field), bytes.AsSpan(HeaderSize));
        return Base64Url.Encode(bytes);
    }

    /// <summary>The key id of an envelope, without opening it.</summary>
    /// <exception cref="CryptographicException">Not an envelope of this version.</exception>
    public static Guid KeyIdOf(string envelope) => new(Decode(envelope).AsSpan(1, 16), bigEndian: true);

    /// <exception cref="CryptographicException">Another key, subject or field than it was sealed for, or tampered bytes.</exception>
    public static byte[] Open(DataKey key, Guid subjectId, string field, string envelope)
    {
        var bytes = Decode(envelope);
        if (new Guid(bytes.AsSpan(1, 16), bigEndian: true) != key.Id)
        {
            throw new CryptographicException("The envelope names another key.");
        }

        return AesGcmSeal.Open(key.Material, bytes.AsSpan(HeaderSize), AssociatedData(subjectId, key.Id, field));
    }

    private static byte[] Decode(string envelope)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.Decode(envelope);
        }
        catch (FormatException e)
        {
            throw new CryptographicException("A field envelope is not base64url.", e);
        }

        return bytes.Length >= HeaderSize + AesGcmSeal.Overhead && bytes[0] == Version
            ? bytes
            : throw new CryptographicException("Not a Marten field envelope of a known version.");
    }

    private static byte[] AssociatedData(Guid subjectId, Guid keyId, string field)
    {
        var fieldBytes = Encoding.UTF8.GetBytes(field);
        var data = new byte[Domain.Length + 32 + 4 + fieldBytes.Length];
        Domain.CopyTo(data, 0);
        var rest = data.AsSpan(Domain.Length);
        subjectId.TryWriteBytes(rest[..16], bigEndian: true, out _);
        keyId.TryWriteBytes(rest.Slice(16, 16), bigEndian: true, out _);
        BinaryPrimitives.WriteInt32BigEndian(rest.Slice(32, 4), fieldBytes.Length);
        fieldBytes.CopyTo(rest[36..]);
        return data;
    }
}
