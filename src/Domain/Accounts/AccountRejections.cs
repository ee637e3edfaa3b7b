namespace GemPix.Domain.Accounts;

public sealed record UnderDigitalConsentAge(int RequiredAge)
    : Rejection("under-digital-consent-age", $"Accounts in this country require an age of at least {RequiredAge}.")
{
    public override string? Field => "birthDate";
}

public sealed record AccountAlreadyExists() : Rejection("account-exists", "This account exists already.");

/// <summary>
/// A correction to an address the account cannot take. The same answer whatever the reason, so that it does not tell
/// whether another account uses the address.
/// </summary>
public sealed record EmailNotAccepted() : Rejection("email-not-accepted", "This email address cannot be used for this account.")
{
    public override string? Field => "email";
}

public sealed record AccountNotFound() : Rejection("account-not-found", "There is no such account.");

public sealed record AccountErasedRejection() : Rejection("account-erased", "This account was erased.");

/// <param name="Name">The field's name in kebab case, as the code has it (<c>display-name</c>).</param>
public sealed record InvalidAccountField(string Name, string Reason) : Rejection("invalid-" + Name, Reason)
{
    public override string? Field => string.Concat(Name.Split('-').Select((part, i) => i == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));
}
