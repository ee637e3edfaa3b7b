using GemPix.Domain.Accounts;
using NodaTime;

namespace GemPix.Domain.Tests.Accounts;

public sealed class SignInThrottleTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 10, 0);

    /// <summary>Attempts at the given instants, each admitted one counted, as the store keeps them.</summary>
    private static (SignInFailures? Failures, SignInAdmission Last) Attempts(params Instant[] instants)
    {
        SignInFailures? failures = null;
        SignInAdmission last = null!;
        foreach (var at in instants)
        {
            last = SignInThrottle.Admit(failures, at);
            if (last is SignInAdmission.Admit admitted)
            {
                failures = admitted.Failures;
            }
        }

        return (failures, last);
    }

    private static Instant[] Every(Duration step, int count) => [.. Enumerable.Range(0, count).Select(i => Now + (step * i))];

    [Fact]
    public void Five_attempts_in_a_row_are_admitted_and_the_sixth_waits_a_minute()
    {
        var (failures, fifth) = Attempts(Every(Duration.FromSeconds(1), 5));
        fifth.Should().BeOfType<SignInAdmission.Admit>();
        failures!.Count.Should().Be(5);

        SignInThrottle.Admit(failures, Now + Duration.FromSeconds(5)).Should().Be(new SignInAdmission.Refuse(Duration.FromMinutes(1) - Duration.FromSeconds(1)));
    }

    [Fact]
    public void Four_failures_lock_nothing()
    {
        var (failures, _) = Attempts(Every(Duration.FromSeconds(1), 4));

        failures!.LockedUntil.Should().BeNull();
        SignInThrottle.Admit(failures, Now + Duration.FromSeconds(4)).Should().BeOfType<SignInAdmission.Admit>();
    }

    [Theory]
    [InlineData(5, 1)]
    [InlineData(6, 2)]
    [InlineData(7, 4)]
    [InlineData(8, 8)]
    [InlineData(9, 16)]
    [InlineData(10, 32)]
    [InlineData(11, 60)]
    [InlineData(12, 60)]
    [InlineData(int.MaxValue, 60)]
    public void Each_failure_past_the_free_ones_doubles_the_lock_up_to_an_hour(int count, int minutes) =>
        SignInThrottle.LockAfter(count).Should().Be(Duration.FromMinutes(minutes));

    [Fact]
    public void An_attempt_right_after_a_lock_counts_on_and_locks_for_longer()
    {
        var (failures, _) = Attempts(Every(Duration.FromSeconds(1), 5));

        var sixth = SignInThrottle.Admit(failures, failures!.LockedUntil!.Value);

        sixth.Should().BeOfType<SignInAdmission.Admit>().Which.Failures.Should().Be(
            new SignInFailures(6, failures.LockedUntil.Value + Duration.FromMinutes(2), failures.LockedUntil.Value + Duration.FromMinutes(2) + SignInThrottle.Window));
    }

    [Fact]
    public void Failures_are_forgotten_fifteen_minutes_after_the_last_one()
    {
        var (failures, _) = Attempts(Every(Duration.FromSeconds(1), 4));
        var last = Now + Duration.FromSeconds(3);

        SignInThrottle.Admit(failures, last + SignInThrottle.Window - Duration.Epsilon).Should().BeOfType<SignInAdmission.Admit>().Which.Failures.Count.Should().Be(5);
        SignInThrottle.Admit(failures, last + SignInThrottle.Window).Should().BeOfType<SignInAdmission.Admit>().Which.Failures.Count.Should().Be(1);
    }

    [Fact]
    public void A_lock_is_forgotten_fifteen_minutes_after_it_ends()
    {
        var (failures, _) = Attempts(Every(Duration.FromSeconds(1), 5));

        failures!.ForgottenAt.Should().Be(failures.LockedUntil!.Value + SignInThrottle.Window);
        SignInThrottle.Admit(failures, failures.ForgottenAt).Should().BeOfType<SignInAdmission.Admit>().Which.Failures.Should().Be(
            new SignInFailures(1, null, failures.ForgottenAt + SignInThrottle.Window));
    }

    [Fact]
    public void Refused_attempts_do_not_lengthen_the_lock()
    {
        var (failures, _) = Attempts(Every(Duration.FromSeconds(1), 5));
        var locked = failures!.LockedUntil!.Value;

        var (after, refused) = Attempts([.. Every(Duration.FromSeconds(1), 5), .. Every(Duration.FromSeconds(1), 50).Select(i => i + Duration.FromSeconds(5))]);

        refused.Should().BeOfType<SignInAdmission.Refuse>();
        after.Should().Be(failures);
        SignInThrottle.Admit(after, locked).Should().BeOfType<SignInAdmission.Admit>();
    }
}
