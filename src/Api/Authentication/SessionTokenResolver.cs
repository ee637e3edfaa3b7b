using System.Security.Claims;
using GemPix.Protection.Accounts;
using NodaTime;
using Npgsql;

namespace GemPix.Api.Authentication;

/// <summary>End users who present a session token: found by its hash, while not revoked and not expired.</summary>
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
            "SELECT subject_id FROM gempix.sessions WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2");
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = SessionTokens.Hash(token) });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = clock.GetCurrentInstant().ToDateTimeUtc() });
        if (await command.ExecuteScalarAsync(cancellationToken) is not Guid subjectId)
        {
            return null;
        }

        return new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, subjectId.ToString()), new Claim(ClaimTypes.Role, SubjectClaims.Role)],
            AuthenticationType));
    }
}
