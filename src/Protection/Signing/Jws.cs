using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GemPix.Protection.Signing;

/// <summary>JWS compact serialisation with ES256 (RFC 7515, RFC 7518 §3.4): what certificates and tree heads are.</summary>
public static class Jws
{
    public static string Sign(ECDsa key, string kid, string type, ReadOnlySpan<byte> payload)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["alg"] = "ES256", ["kid"] = kid, ["typ"] = type });
        var signingInput = Base64Url.Encode(header) + "." + Base64Url.Encode(payload);
        // IEEE P1363 (r ‖ s, 64 bytes) is the JWS form, not DER.
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64Url.Encode(signature);
    }

    /// <summary>Checks a compact JWS against a JWKS document; returns the payload when it verifies, otherwise null.</summary>
    public static byte[]? Verify(string compact, JsonNode jwks)
    {
        var parts = compact.Trim().Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var header = JsonNode.Parse(Base64Url.Decode(parts[0]));
            if (header?["alg"]?.GetValue<string>() != "ES256" || header["kid"]?.GetValue<string>() is not { } kid)
            {
                return null;
            }

            var jwk = jwks["keys"]?.AsArray().FirstOrDefault(k => k?["kid"]?.GetValue<string>() == kid);
            if (jwk is null || jwk["kty"]?.GetValue<string>() != "EC" || jwk["crv"]?.GetValue<string>() != "P-256")
            {
                return null;
            }

            using var key = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = Base64Url.Decode(jwk["x"]!.GetValue<string>()), Y = Base64Url.Decode(jwk["y"]!.GetValue<string>()) },
            });
            var verified = key.VerifyData(
                Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.Decode(parts[2]), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            return verified ? Base64Url.Decode(parts[1]) : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or CryptographicException or InvalidOperationException)
        {
            return null;
        }
    }
}
