using NodaTime;

namespace GemPix.Domain.Accounts;

/// <summary>What <see cref="SignInThrottle.Admit"/> answers to an attempt to sign in.</summary>
public abstract record SignInAdmission
{
    private SignInAdmission()
    {
    }

    /// <summary>The password may be checked; <paramref name="Failures"/> counts this attempt until it succeeds.</summary>
    public sealed record Admit(SignInFailures Failures) : SignInAdmission;

    /// <summary>Too many failures: come back after <paramref name="RetryAfter"/>; the password is not checked.</summary>
    public sealed record Refuse(Duration RetryAfter) : SignInAdmission;
}
