using System.Buffers.Binary;
using System.Text;

namespace GemPix.Protection.Crypto;

/// <summary>
/// One encrypted value inside an event: version ‖ key id ‖ nonce ‖ ciphertext ‖ tag, base64url. The
/// associated data is the event id, the key id and the value's JSON path, so a ciphertext moved to another
/// event or field no longer opens.
/// </summary>
public static class FieldEnvelope
{
    private const byte Version = 1;

    public static string Seal(ReadOnlySpan<byte> key, Guid keyId, Guid eventId, string path, ReadOnlySpan<byte> plaintext)
    {
        var bytes = new byte[1 + 16 + AesGcmSeal.Overhead + plaintext.Length];
        bytes[0] = Version;
        keyId.TryWriteBytes(bytes.AsSpan(1, 16), bigEndian: true, out _);
        AesGcmSeal.Seal(key, plaintext, AssociatedData(eventId, keyId, path), bytes.AsSpan(17));
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The key id of an envelope, without opening it.</summary>
    public static Guid KeyIdOf(string envelope) => new(Decode(envelope).AsSpan(1, 16), bigEndian: true);

    public static byte[] Open(ReadOnlySpan<byte> key, Guid eventId, string path, string envelope)
    {
        var bytes = Decode(envelope);
        var keyId = new Guid(bytes.AsSpan(1, 16), bigEndian: true);
        return AesGcmSeal.Open(key, bytes.AsSpan(17), AssociatedData(eventId, keyId, path));
    }

    private static byte[] Decode(string envelope)
    {
        var base64 = envelope.Replace('-', '+').Replace('_', '/');
        var bytes = Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
        if (bytes.Length < 17 + AesGcmSeal.Overhead || bytes[0] != Version)
        {
            throw new System.Security.Cryptography.CryptographicException("Not a field envelope of a known version.");
        }

        return bytes;
    }

    private static byte[] AssociatedData(Guid eventId, Guid keyId, string path)
    {
        var pathBytes = Encoding.UTF8.GetBytes(path);
        var data = new byte[32 + 4 + pathBytes.Length];
        eventId.TryWriteBytes(data.AsSpan(0, 16), bigEndian: true, out _);
        keyId.TryWriteBytes(data.AsSpan(16, 16), bigEndian: true, out _);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(32, 4), pathBytes.Length);
        pathBytes.CopyTo(data, 36);
        return data;
    }
}
