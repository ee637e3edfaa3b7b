using System.Security.Claims;
using GemPix.Protection.Accounts;
using NodaTime;
using Npgsql;

namespace GemPix.Api.Authentication;

/// <summary>
/// End users who present a session token: found by its hash, while not revoked and not expired. Looked up on every
/// request, never cached, so that a sign-out or a revocation refuses the token from the next request on.
/// </summary>
internal sealed class SessionTokenResolver(NpgsqlDataSource dataSource, IClock clock) : IBearerTokenResolver
{
    public const string AuthenticationType = "Session";

    public async ValueTask<ClaimsPrincipal?> ResolveAsync(string token, CancellationToken cancellationToken)
    {
        if (!SessionTokens.LooksLikeToken(token))
        {
            return null;
        }

        await using var command = dataSource.CreateCommand(
            "SELECT subject_id, session_id FROM gempix.sessions WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2");
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = SessionTokens.Hash(token) });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = clock.GetCurrentInstant().ToDateTimeUtc() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, reader.GetGuid(0).ToString()),
                new Claim(SubjectClaims.SessionIdType, reader.GetGuid(1).ToString()),
                new Claim(ClaimTypes.Role, SubjectClaims.Role),
            ],
            AuthenticationType));
    }
}
