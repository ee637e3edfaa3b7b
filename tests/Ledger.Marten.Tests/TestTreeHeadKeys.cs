using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GemPix.EventStore.Ledger;

namespace GemPix.Ledger.Marten.Tests;

/// <summary>
/// An ES256 key of the test's own that signs tree heads as JWS compact and checks them with plain <see cref="ECDsa"/>:
/// nothing of GemPix's signing code is involved.
/// </summary>
internal sealed class TestTreeHeadKeys : ITreeHeadSigner, ITreeHeadVerifier, IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public string Kid { get; } = "test-" + Guid.NewGuid().ToString("N")[..8];

    public Task<string> SignAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var header = Encoding.UTF8.GetBytes(new JsonObject { ["alg"] = "ES256", ["kid"] = Kid, ["typ"] = SignedTreeHead.JwsType }.ToJsonString());
        var signingInput = Base64Url(header) + "." + Base64Url(payload.Span);
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return Task.FromResult(signingInput + "." + Base64Url(signature));
    }

    /// <summary>The payload when the signature is this key's over the first two parts; otherwise null.</summary>
    public byte[]? Verify(string jws)
    {
        var parts = jws.Split('.');
        if (parts.Length != 3 || (string?)JsonNode.Parse(FromBase64Url(parts[0]))!["kid"] != Kid)
        {
            return null;
        }

        return _key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), FromBase64Url(parts[2]), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            ? FromBase64Url(parts[1])
            : null;
    }

    public void Dispose() => _key.Dispose();

    private static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }
}
