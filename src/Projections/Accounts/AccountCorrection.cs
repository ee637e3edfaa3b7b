using GemPix.Domain;
using GemPix.Domain.Accounts;
using GemPix.EventStore;
using GemPix.Projections.Handling;
using GemPix.Projections.ReadModels;
using NodaTime;
using Npgsql;

namespace GemPix.Projections.Accounts;

/// <summary>
/// A person's correction of their own profile (GDPR Art. 16), as <c>PATCH /v1/me</c> and a rectification request
/// both make one: every correction is decided on the account before anything is recorded, and the new email must be
/// free. Then the email is appended first: it is the one correction that can still fail (another account took the
/// address meanwhile), and then nothing at all was recorded.
/// </summary>
public sealed class AccountCorrection(CommandHandler handler, AccountEmails emails, IClock clock)
{
    /// <summary>Why the correction cannot be made, or null; a null field is not corrected.</summary>
    public async Task<Rejection?> CheckAsync(Guid subjectId, string? displayName, string? email, CancellationToken cancellationToken)
    {
        var (account, _) = await handler.Store.AggregateStreamAsync(SubjectStreams.Account(subjectId), Deciders.Account.Initial, Deciders.Account.Evolve, cancellationToken);
        if (Commands(displayName, email).Select(c => AccountDecider.Decide(c, account).Rejection).FirstOrDefault(r => r is not null) is { } invalid)
        {
            return invalid;
        }

        // An address in use is refused like any address the account cannot take, so the answer does not tell.
        return email is null || await emails.IsFreeForAsync(email, subjectId, cancellationToken) ? null : new EmailNotAccepted();
    }

    /// <summary>Records the corrections checked by <see cref="CheckAsync"/>.</summary>
    /// <returns>Null, or <see cref="EmailNotAccepted"/> when the address was taken after the check (nothing was recorded).</returns>
    public async Task<Rejection?> ApplyAsync(Guid subjectId, string? displayName, string? email, EventMetadata metadata, CancellationToken cancellationToken)
    {
        foreach (var command in Commands(displayName, email))
        {
            try
            {
                if ((await handler.HandleAsync(Deciders.Account, SubjectStreams.Account(subjectId), subjectId, command, metadata, cancellationToken)).Rejection is { } rejection)
                {
                    return rejection;
                }
            }
            catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: AccountEmailsProjection.UniqueConstraint })
            {
                return new EmailNotAccepted();
            }
        }

        return null;
    }

    private List<AccountCommand> Commands(string? displayName, string? email)
    {
        var at = clock.GetCurrentInstant();
        var commands = new List<AccountCommand>();
        if (email is not null)
        {
            commands.Add(new CorrectEmail(email, at));
        }

        if (displayName is not null)
        {
            commands.Add(new CorrectDisplayName(displayName, at));
        }

        return commands;
    }
}
