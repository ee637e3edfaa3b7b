using GemPix.Domain.Accounts;
using GemPix.Protection.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace GemPix.Projections.Accounts;

/// <summary>
/// Passwords, hashed with ASP.NET Core Identity's PasswordHasher (PBKDF2-HMAC-SHA512, salted, in its v3 format) at
/// <see cref="IterationCount"/> iterations, and found by the blind index of the email. Unknown addresses cost a hash
/// too, so that the answer's timing does not tell which addresses have accounts. A hash made with fewer iterations
/// still verifies, and is replaced on that sign-in.
/// </summary>
public sealed class PasswordCredentials(NpgsqlDataSource dataSource, EmailBlindIndex blindIndex, IClock clock)
{
    /// <summary>OWASP's Password Storage Cheat Sheet figure for PBKDF2-HMAC-SHA512 (Identity's default is 100,000).</summary>
    public const int IterationCount = 210_000;

    private static readonly PasswordHasher<string> Hasher = new(Options.Create(new PasswordHasherOptions { IterationCount = IterationCount }));
    private static readonly string DecoyHash = Hasher.HashPassword(string.Empty, "decoy password that matches nothing");

    /// <summary>Only for passwords <see cref="PasswordRule"/> accepts.</summary>
    public static string Hash(string password) => Hasher.HashPassword(string.Empty, password);

    /// <summary>The subject whose email and password these are, or null.</summary>
    public async Task<Guid?> VerifyAsync(string email, string password, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT c.subject_id, c.password_hash FROM gempix.account_emails e
              JOIN gempix.credentials c ON c.subject_id = e.subject_id
             WHERE e.blind_index = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = blindIndex.Of(email) });
        Guid? subject = null;
        var hash = DecoyHash;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                subject = reader.GetGuid(0);
                hash = reader.GetString(1);
            }
        }

        var result = Hasher.VerifyHashedPassword(string.Empty, hash, password);
        if (subject is null || result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await using var rehash = dataSource.CreateCommand("UPDATE gempix.credentials SET password_hash = $2, updated_at = $3 WHERE subject_id = $1");
            rehash.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = subject.Value });
            rehash.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Hash(password) });
            rehash.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = clock.GetCurrentInstant().ToDateTimeUtc() });
            await rehash.ExecuteNonQueryAsync(cancellationToken);
        }

        return subject;
    }
}
