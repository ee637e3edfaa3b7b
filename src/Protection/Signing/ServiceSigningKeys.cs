using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GemPix.Protection.Keys;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace GemPix.Protection.Signing;

/// <summary>
/// The service's ES256 key that signs deletion certificates and tree heads. Kept in the vault, its private
/// part wrapped by the key-encryption key, so every process signs with the same key; the public parts of all
/// keys ever used are the JWKS published at <c>/.well-known/jwks.json</c>.
/// </summary>
public sealed class ServiceSigningKeys(NpgsqlDataSource dataSource, IKeyEncryptionKeyProvider kek, IClock clock)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Kid, ECDsa Key)? _current;

    /// <summary>The key to sign with now, created on first use.</summary>
    public async Task<(string Kid, ECDsa Key)> GetCurrentAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current)
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is null)
            {
                var stored = await ReadAsync(cancellationToken);
                if (stored.Count == 0)
                {
                    await CreateAsync(cancellationToken);
                    stored = await ReadAsync(cancellationToken);
                }

                // The oldest key wins, so that processes racing to create one still agree.
                var (kid, wrappedBy, wrapped, _) = stored[0];
                var pkcs8 = await kek.UnwrapAsync(wrappedBy, wrapped, AssociatedData(kid), cancellationToken);
                var key = ECDsa.Create();
                key.ImportPkcs8PrivateKey(pkcs8, out _);
                CryptographicOperations.ZeroMemory(pkcs8);
                _current = (kid, key);
            }

            return _current.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The JWKS document: every public key that ever signed (creating the first key when there is none).</summary>
    public async Task<JsonObject> GetJwksAsync(CancellationToken cancellationToken)
    {
        await GetCurrentAsync(cancellationToken);
        return await ReadPublishedAsync(cancellationToken);
    }

    /// <summary>The JWKS document as stored, without creating or unwrapping a key: what a verifier checks against.</summary>
    public async Task<JsonObject> ReadPublishedAsync(CancellationToken cancellationToken)
    {
        var keys = new JsonArray();
        foreach (var (_, _, _, jwk) in await ReadAsync(cancellationToken))
        {
            keys.Add(JsonNode.Parse(jwk));
        }

        return new JsonObject { ["keys"] = keys };
    }

    public async Task<string> SignAsync(string type, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var (kid, key) = await GetCurrentAsync(cancellationToken);
        return Jws.Sign(key, kid, type, payload.Span);
    }

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(false);
        var x = Base64Url.Encode(parameters.Q.X);
        var y = Base64Url.Encode(parameters.Q.Y);
        // RFC 7638 thumbprint: SHA-256 over the required members in lexicographic order.
        var kid = Base64Url.Encode(SHA256.HashData(Encoding.UTF8.GetBytes($$"""{"crv":"P-256","kty":"EC","x":"{{x}}","y":"{{y}}"}""")));
        var jwk = new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = x, ["y"] = y, ["kid"] = kid, ["use"] = "sig", ["alg"] = "ES256" };
        var pkcs8 = key.ExportPkcs8PrivateKey();
        var wrapped = await kek.WrapAsync(pkcs8, AssociatedData(kid), cancellationToken);
        CryptographicOperations.ZeroMemory(pkcs8);

        await using var command = dataSource.CreateCommand("SELECT gempix_vault.add_signing_key($1, $2, $3, $4, $5)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = kid });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = kek.KeyId });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = wrapped });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = jwk.ToJsonString(), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = clock.GetCurrentInstant().ToDateTimeUtc() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<List<(string Kid, string WrappedBy, byte[] Wrapped, string Jwk)>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT kid, wrapped_by, wrapped, public_jwk::text FROM gempix_vault.get_signing_keys()");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<(string, string, byte[], string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add((reader.GetString(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2), reader.GetString(3)));
        }

        return keys;
    }

    private static byte[] AssociatedData(string kid) => Encoding.UTF8.GetBytes("gempix-signing-key-v1|" + kid);
}
