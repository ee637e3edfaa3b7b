using System.Security.Cryptography;
using System.Text;

namespace GemPix.Api.Idempotency;

/// <summary>
/// The <c>Idempotency-Key</c> of the request being handled. What such a request creates is named by an id derived
/// from the caller, the key and the request itself, so that every retry names the same thing, whichever of the
/// person's sessions sends it and whatever crashed before: the decider (a purchase it already recorded) or the new
/// stream's expected version (a generation that exists) recognises the effect as done, and it happens once. The
/// key's claim is thereby part of the effect's own commit.
/// </summary>
public sealed class IdempotencyKeyFeature(string caller, string key, byte[] requestHash)
{
    /// <summary>The id of what this request creates for <paramref name="purpose"/> (a purchase, an upload, ...).</summary>
    public Guid IdFor(string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"gempix-idempotent-id\n{caller}\n{key}\n{Convert.ToHexStringLower(requestHash)}\n{purpose}"), hash);
        // RFC 9562 version 8 (custom) with the RFC variant: an id that says it was derived, not drawn.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
