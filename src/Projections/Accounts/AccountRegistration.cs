using GemPix.Domain;
using GemPix.Domain.Accounts;
using GemPix.Projections.Handling;
using GemPix.Projections.ReadModels;
using NodaTime;
using Npgsql;

namespace GemPix.Projections.Accounts;

/// <summary>
/// A new account, as <c>POST /v1/accounts</c> and <c>./gempix seed</c> both make one: the password rule, the account
/// decider's field rules and age gate, the password hashed, and the credentials row committed with the registration
/// itself. The email's blind index (an inline projection) is unique, so a second account with the same address fails
/// with it, unless it is the same account again: a retry under the same subject id is answered as the registration was.
/// </summary>
public sealed class AccountRegistration(CommandHandler handler, AccountEmails emails, IClock clock)
{
    /// <returns>The new subject's id, or why the account was refused (<c>invalid-password</c> among the reasons).</returns>
    public async Task<(Guid? SubjectId, Rejection? Rejection)> RegisterAsync(
        Guid subjectId, string email, string password, string displayName, string country, LocalDate birthDate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (PasswordRule.Check(password, email, displayName) is { } weak)
        {
            return (null, weak);
        }

        var command = new RegisterAccount(subjectId, email, displayName, country, birthDate, clock.GetCurrentInstant());
        // Decided once before hashing: a refused registration should not cost a password hash.
        if (AccountDecider.Decide(command, AccountDecider.Initial).Rejection is { } invalid)
        {
            return (null, invalid);
        }

        var passwordHash = PasswordCredentials.Hash(password);
        try
        {
            var handled = await handler.HandleAsync(
                Deciders.Account, SubjectStreams.Account(subjectId), subjectId, command, Actors.Subject(subjectId), cancellationToken,
                async (connection, transaction, _, ct) =>
                {
                    await using var insert = new NpgsqlCommand("INSERT INTO gempix.credentials (subject_id, password_hash, updated_at) VALUES ($1, $2, $3)", connection, transaction);
                    insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = subjectId });
                    insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = passwordHash });
                    insert.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = command.At.ToDateTimeUtc() });
                    await insert.ExecuteNonQueryAsync(ct);
                });
            return handled.Rejection switch
            {
                null => (subjectId, null),
                AccountAlreadyExists => await ExistingAsync(subjectId, email, cancellationToken),
                var refused => (null, refused),
            };
        }
        catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: AccountEmailsProjection.UniqueConstraint })
        {
            return await ExistingAsync(subjectId, email, cancellationToken);
        }
    }

    private async Task<(Guid? SubjectId, Rejection? Rejection)> ExistingAsync(Guid subjectId, string email, CancellationToken cancellationToken) =>
        await emails.SubjectOfAsync(email, cancellationToken) == subjectId ? (subjectId, null) : (null, new AccountAlreadyExists());
}
