using NodaTime;

namespace GemPix.Domain.Accounts;

/// <summary>
/// The sign-in attempts against one email address that have not succeeded: how many in a row, until when further
/// attempts are refused (none yet below <see cref="SignInThrottle.FreeAttempts"/>), and when the count is forgotten.
/// </summary>
public sealed record SignInFailures(int Count, Instant? LockedUntil, Instant ForgottenAt);
