using NodaTime;

namespace GemPix.Domain.Accounts;

/// <summary>
/// Slows password guessing against one email address, whoever guesses and from wherever: <see cref="FreeAttempts"/>
/// attempts that do not succeed are let through, then each further one waits a lock that starts at
/// <see cref="FirstLock"/> and doubles with every failure up to <see cref="LongestLock"/>. A count is forgotten
/// <see cref="Window"/> after its last failure or the end of its last lock, whichever is later; a success clears it.
/// </summary>
/// <remarks>
/// An attempt counts as a failure from the moment it is admitted, before its password is checked, so that many
/// attempts at once (on any number of API nodes) are all counted and cannot slip past the limit together. It is the
/// same for addresses without an account, so the answer never tells whether one exists. The price: anyone can lock an
/// address for a while by guessing wrong on purpose; the lock is capped at an hour so that a person is never locked
/// out for long, and an attacker keeps to a few dozen guesses a day.
/// </remarks>
public static class SignInThrottle
{
    public const int FreeAttempts = 5;

    public static Duration Window { get; } = Duration.FromMinutes(15);

    public static Duration FirstLock { get; } = Duration.FromMinutes(1);

    public static Duration LongestLock { get; } = Duration.FromHours(1);

    /// <param name="failures">The address's failures so far; null when there are none.</param>
    /// <param name="at">When the attempt is made.</param>
    public static SignInAdmission Admit(SignInFailures? failures, Instant at)
    {
        if (failures?.LockedUntil is { } lockedUntil && lockedUntil > at)
        {
            return new SignInAdmission.Refuse(lockedUntil - at);
        }

        var count = failures is null || at >= failures.ForgottenAt ? 1 : failures.Count + 1;
        Instant? locked = count >= FreeAttempts ? at + LockAfter(count) : null;
        return new SignInAdmission.Admit(new SignInFailures(count, locked, (locked ?? at) + Window));
    }

    /// <summary>The lock that follows the <paramref name="count"/>-th failure in a row (the first at <see cref="FreeAttempts"/>).</summary>
    public static Duration LockAfter(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, FreeAttempts);

        // Doubling past six steps is already longer than the cap; stopping there keeps the shift from overflowing.
        var doublings = Math.Min(count - FreeAttempts, 6);
        var lockFor = FirstLock * (1L << doublings);
        return lockFor < LongestLock ? lockFor : LongestLock;
    }
}
