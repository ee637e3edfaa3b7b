namespace GemPix.Domain.Accounts;

/// <summary>
/// What a new password may be, after NIST SP 800-63B §5.1.1.2: <see cref="MinLength"/> to <see cref="MaxLength"/>
/// characters (code points, so any script and emoji count as one each), any printable character including spaces,
/// and none of what an attacker tries first: a common or breached password (<see cref="CommonPasswords"/>), only
/// whitespace, one character repeated, or the account's own email address, its local part or display name.
/// </summary>
/// <remarks>
/// No composition rules (a digit, a capital): NIST advises against them, since they make passwords harder to remember
/// and barely harder to guess. Reasons never quote the password, so a rejection can be logged.
/// </remarks>
public static class PasswordRule
{
    public const int MinLength = 8;
    public const int MaxLength = 256;

    /// <summary>Why <paramref name="password"/> is not acceptable for this account; null when it is.</summary>
    public static InvalidAccountField? Check(string password, string email, string displayName)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(displayName);
        var length = password.EnumerateRunes().Count();
        if (length is < MinLength or > MaxLength)
        {
            return Invalid($"The password must be {MinLength} to {MaxLength} characters.");
        }

        if (password.Any(char.IsControl))
        {
            return Invalid("The password may not contain control characters.");
        }

        if (string.IsNullOrWhiteSpace(password))
        {
            return Invalid("The password may not be only spaces.");
        }

        if (password.EnumerateRunes().Distinct().Count() == 1)
        {
            return Invalid("The password may not be one character repeated.");
        }

        if (IsPersonal(password, email, displayName))
        {
            return Invalid("The password may not be the account's email address or display name.");
        }

        return CommonPasswords.Contains(password)
            ? Invalid("This password is on a list of commonly used and breached passwords; choose another.")
            : null;
    }

    private static bool IsPersonal(string password, string email, string displayName)
    {
        var candidate = password.Trim();
        var address = AccountDecider.NormalisedEmail(email);
        var at = address.IndexOf('@', StringComparison.Ordinal);
        string[] personal = [address, at > 0 ? address[..at] : address, displayName.Trim()];
        return personal.Any(value => value.Length > 0 && string.Equals(candidate, value, StringComparison.OrdinalIgnoreCase));
    }

    private static InvalidAccountField Invalid(string reason) => new("password", reason);
}
