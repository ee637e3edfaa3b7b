using GemPix.Domain.Protection;
using NodaTime;
using GemPix.Domain.Records;

namespace GemPix.Domain.Accounts;

/// <summary>Registration with the age gate, sessions, rectification and erasure of an account.</summary>
[ProcessingActivity("Accounts and sign-in", "authentication, account management, service notices and support", "GDPR Art. 6(1)(b): performance of the contract", Recipients = ["cloud hosting", "email delivery"], RetentionClasses = ["sessions", "sign-in-failures", "idempotent-answers"])]
public static class AccountDecider
{
    public const int MaxDisplayNameLength = DisplayNameRule.MaxLength;
    public const int MaxEmailLength = 254;

    public static AccountState Initial { get; } = new AccountState.None();

    public static bool IsTerminal(AccountState state) => state is AccountState.Erased;

    public static Decision Decide(AccountCommand command, AccountState state) => (command, state) switch
    {
        (_, AccountState.Erased) => new AccountErasedRejection(),
        (RegisterAccount register, AccountState.None) => Register(register),
        (RegisterAccount, _) => new AccountAlreadyExists(),
        (_, AccountState.None) => new AccountNotFound(),
        (CorrectDisplayName correct, AccountState.Open open) => DisplayNameRule.Check(correct.DisplayName) is { } invalid
            ? invalid
            : Decision.Accept(new DisplayNameCorrected(open.SubjectId, DisplayNameRule.Normalised(correct.DisplayName), correct.At)),
        (CorrectEmail correct, AccountState.Open open) => ValidEmail(correct.Email) is { } invalid
            ? invalid
            : Decision.Accept(new EmailCorrected(open.SubjectId, NormalisedEmail(correct.Email), correct.At)),
        (EraseAccount erase, AccountState.Open open) => Decision.Accept(new SessionsRevoked(open.SubjectId, erase.At), new AccountErased(open.SubjectId, erase.At)),
        (StartSession start, AccountState.Open open) when start.ExpiresAt > start.At =>
            Decision.Accept(new SessionStarted(open.SubjectId, start.SessionId, start.ExpiresAt, start.At)),
        (StartSession, AccountState.Open) => throw new ArgumentException("A session must expire after it starts.", nameof(command)),
        (EndSession end, AccountState.Open open) => Decision.Accept(new SessionEnded(open.SubjectId, end.SessionId, end.At)),
        (RevokeSessions revoke, AccountState.Open open) => Decision.Accept(new SessionsRevoked(open.SubjectId, revoke.At)),
        _ => throw new InvalidOperationException($"No decision for {command.GetType().Name} in {state.GetType().Name}."),
    };

    public static AccountState Evolve(AccountState state, object @event) => @event switch
    {
        AccountRegistered registered => new AccountState.Open(registered.SubjectId, registered.Country, registered.At),
        AccountErased erased => new AccountState.Erased(erased.SubjectId),
        DisplayNameCorrected or EmailCorrected or SessionStarted or SessionEnded or SessionsRevoked => state,
        _ => throw new InvalidOperationException($"An account does not know the event {@event.GetType().Name}."),
    };

    /// <summary>The form emails are compared in: trimmed, lower-case (the blind index hashes this).</summary>
    public static string NormalisedEmail(string email) => email.Trim().ToLowerInvariant();

    private static Decision Register(RegisterAccount command)
    {
        var today = command.At.InUtc().Date;
        if ((ValidEmail(command.Email) ?? DisplayNameRule.Check(command.DisplayName) ?? ValidCountry(command.Country) ?? BirthDateRule.Check(command.BirthDate, today)) is { } invalid)
        {
            return invalid;
        }

        if (!AgeGate.IsOldEnough(command.BirthDate, command.Country, today))
        {
            return new UnderDigitalConsentAge(DigitalConsentAge.For(command.Country));
        }

        return Decision.Accept(new AccountRegistered(
            command.SubjectId,
            NormalisedEmail(command.Email),
            DisplayNameRule.Normalised(command.DisplayName),
            command.Country.ToUpperInvariant(),
            new Personal<LocalDate>(command.BirthDate),
            command.At));
    }

    private static InvalidAccountField? ValidEmail(string email)
    {
        var trimmed = email.Trim();
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        return trimmed.Length is 0 or > MaxEmailLength || at <= 0 || at != trimmed.LastIndexOf('@') || at == trimmed.Length - 1
               || trimmed.Any(char.IsWhiteSpace) || trimmed.Any(char.IsControl)
            ? new InvalidAccountField("email", "The email address is not valid.")
            : null;
    }

    private static InvalidAccountField? ValidCountry(string country) =>
        country.Length == 2 && country.All(char.IsAsciiLetter)
            ? null
            : new InvalidAccountField("country", "The country must be an ISO 3166-1 alpha-2 code, such as DE.");
}
