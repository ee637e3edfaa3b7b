using System.Security.Cryptography;
using GemPix.Protection.Signing;
using NodaTime;
using Npgsql;

namespace GemPix.Api.Authentication;

/// <summary>An API key as stored: whose it is and what it may do; never the key itself.</summary>
public sealed record ApiKey(Guid Id, string Name, string Role);

/// <summary>A key just issued: <see cref="Secret"/> is shown once and kept nowhere.</summary>
public sealed record IssuedApiKey(ApiKey Key, string Secret);

/// <summary>
/// API keys for auditors, regulators and admins in <c>gempix.api_keys</c>. A key is <c>gpk_</c> and 32 random bytes in
/// base64url; only SHA-256 of the 32 bytes is stored, so a copy of the database gives no working key.
/// </summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource, IClock clock)
{
    public const string Prefix = "gpk_";

    private const int SecretBytes = 32;

    /// <summary>Creates a key for <paramref name="role"/>, one of <see cref="ApiKeyRoles.All"/>.</summary>
    /// <exception cref="ArgumentException">The role is not one of <see cref="ApiKeyRoles.All"/>, or the name is empty.</exception>
    public async Task<IssuedApiKey> IssueAsync(string role, string name, CancellationToken cancellationToken)
    {
        if (!ApiKeyRoles.All.Contains(role))
        {
            throw new ArgumentException($"A key's role is one of {string.Join(", ", ApiKeyRoles.All)}, not '{role}'.", nameof(role));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var secret = RandomNumberGenerator.GetBytes(SecretBytes);
        var key = new ApiKey(Guid.CreateVersion7(), name.Trim(), role);
        await using var command = dataSource.CreateCommand("INSERT INTO gempix.api_keys (id, name, role, key_hash, created_at) VALUES ($1, $2, $3, $4, $5)");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = key.Id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Role });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = SHA256.HashData(secret) });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = clock.GetCurrentInstant().ToDateTimeUtc() });
        await command.ExecuteNonQueryAsync(cancellationToken);
        var issued = new IssuedApiKey(key, Prefix + Base64Url.Encode(secret));
        CryptographicOperations.ZeroMemory(secret);
        return issued;
    }

    /// <summary>The live (unrevoked) key that <paramref name="token"/> is; null when it is not one.</summary>
    public async Task<ApiKey?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (Parse(token) is not { } secret)
        {
            return null;
        }

        await using var command = dataSource.CreateCommand("SELECT id, name, role FROM gempix.api_keys WHERE key_hash = $1 AND revoked_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = SHA256.HashData(secret) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new ApiKey(reader.GetGuid(0), reader.GetString(1), reader.GetString(2)) : null;
    }

    /// <summary>Whether <paramref name="token"/> has the shape of an API key, so other kinds of token are not looked up here.</summary>
    public static bool LooksLikeKey(string token) => Parse(token) is not null;

    /// <summary>Every key ever issued, revoked ones too, oldest first.</summary>
    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id, role, name, created_at, revoked_at FROM gempix.api_keys ORDER BY created_at, id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKeyRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new ApiKeyRecord(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetString(2),
                Instant.FromDateTimeUtc(reader.GetDateTime(3)),
                reader.IsDBNull(4) ? null : Instant.FromDateTimeUtc(reader.GetDateTime(4))));
        }

        return keys;
    }

    /// <summary>Revokes a key from the next request on (keys are looked up on every request).</summary>
    /// <returns>False when no live key has this id.</returns>
    public async Task<bool> RevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE gempix.api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = clock.GetCurrentInstant().ToDateTimeUtc() });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static byte[]? Parse(string token)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length != Prefix.Length + 43)
        {
            return null;
        }

        try
        {
            var secret = Base64Url.Decode(token[Prefix.Length..]);
            return secret.Length == SecretBytes ? secret : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
