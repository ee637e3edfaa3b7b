namespace GemPix.Domain.Accounts;

public sealed record UnderDigitalConsentAge(int RequiredAge)
    : Rejection("under-digital-consent-age", $"Accounts in this country require an age of at least {RequiredAge}.");

public sealed record AccountAlreadyExists() : Rejection("account-exists", "This account exists already.");

public sealed record AccountNotFound() : Rejection("account-not-found", "There is no such account.");

public sealed record AccountErasedRejection() : Rejection("account-erased", "This account was erased.");

public sealed record InvalidAccountField(string Field, string Reason) : Rejection("invalid-" + Field, Reason);
