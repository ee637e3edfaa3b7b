using GemPix.EventStore.Jobs;
using NodaTime;

namespace GemPix.EventStore.Tests.Jobs;

public sealed class JobBackoffTests
{
    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(4, 16)]
    [InlineData(5, 32)]
    [InlineData(6, 64)]
    [InlineData(7, 128)]
    [InlineData(8, 256)]
    [InlineData(9, 300)]
    [InlineData(10, 300)]
    [InlineData(100, 300)]
    [InlineData(int.MaxValue, 300)]
    public void The_default_wait_doubles_from_two_seconds_up_to_five_minutes(int attempt, int seconds)
    {
        JobBackoff.Default.Nominal(attempt).Should().Be(Duration.FromSeconds(seconds));
    }

    [Theory]
    [InlineData(1, 0.0, 2000)]
    [InlineData(1, 0.5, 1800)]
    [InlineData(1, 1.0, 1600)]
    [InlineData(3, 0.5, 7200)]
    [InlineData(20, 1.0, 240_000)]
    public void Jitter_takes_off_up_to_its_fraction_of_the_wait(int attempt, double sample, int milliseconds)
    {
        JobBackoff.Default.Delay(attempt, sample).Should().Be(Duration.FromMilliseconds(milliseconds));
    }

    [Fact]
    public void Base_and_cap_are_configurable()
    {
        var backoff = new JobBackoff { Base = Duration.FromMilliseconds(100), Cap = Duration.FromSeconds(1), Jitter = 0 };

        Enumerable.Range(1, 6).Select(a => backoff.Delay(a, 0.9).TotalMilliseconds)
            .Should().Equal(100, 200, 400, 800, 1000, 1000);
    }

    [Fact]
    public void Nonsense_settings_are_refused()
    {
        FluentActions.Invoking(() => new JobBackoff { Base = Duration.Zero }).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new JobBackoff { Cap = Duration.FromSeconds(-1) }).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new JobBackoff { Jitter = 1.5 }).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new JobBackoff { Jitter = double.NaN }).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => JobBackoff.Default.Nominal(0)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
