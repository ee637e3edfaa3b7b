using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace GemPix.EventStore.Ledger;

/// <summary>
/// A tree head as the ledger signed it: the size and root of the tree at an instant, and the JWS (compact, ES256,
/// <c>typ</c> <see cref="JwsType"/>) over the payload <c>{"iss", "treeSize", "rootHash", "issuedAt"}</c>.
/// </summary>
public sealed record SignedTreeHead(long TreeSize, byte[] RootHash, Instant IssuedAt, string Jws)
{
    public const string JwsType = "gempix-tree-head+jwt";

    public const string Issuer = "gempix";

    /// <summary>The root hash in lowercase hex, as payloads and routes write it.</summary>
    public string RootHashHex => Convert.ToHexStringLower(RootHash);

    /// <summary>The JWS payload of a head: what the signature covers.</summary>
    public static byte[] Payload(long treeSize, ReadOnlySpan<byte> rootHash, Instant issuedAt)
    {
        using var buffer = new MemoryStream(160);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("iss", Issuer);
            json.WriteNumber("treeSize", treeSize);
            json.WriteString("rootHash", Convert.ToHexStringLower(rootHash));
            json.WriteString("issuedAt", InstantPattern.ExtendedIso.Format(issuedAt));
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a head's payload back; null when it is not one.</summary>
    public static (long TreeSize, byte[] RootHash, Instant IssuedAt)? ReadPayload(ReadOnlySpan<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.GetProperty("iss").GetString() != Issuer)
            {
                return null;
            }

            var issuedAt = InstantPattern.ExtendedIso.Parse(root.GetProperty("issuedAt").GetString() ?? "");
            var rootHash = Convert.FromHexString(root.GetProperty("rootHash").GetString() ?? "");
            return issuedAt.Success && rootHash.Length == MerkleHash.Size
                ? (root.GetProperty("treeSize").GetInt64(), rootHash, issuedAt.Value)
                : null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
