namespace GemPix.Cli.Tests.Hosting;

/// <summary>
/// Stopping <c>./gempix up</c> by a signal, with real processes: whoever gets the signal, the host stops gracefully
/// first and then the PostgreSQL the script started, and nothing is left serving or running.
/// </summary>
public sealed class UpShutdownTests(PrebuiltCheckout checkout) : IClassFixture<PrebuiltCheckout>
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData(StopTarget.Script, "TERM")]
    [InlineData(StopTarget.Host, "TERM")]
    [InlineData(StopTarget.Group, "TERM")]
    [InlineData(StopTarget.Group, "INT")]
    [InlineData(StopTarget.Group, "HUP")]
    public async Task A_stop_signal_stops_the_host_and_then_the_postgresql_that_up_started(StopTarget target, string signal)
    {
        await using var up = await UpProcess.StartAsync(checkout);

        await (target switch
        {
            StopTarget.Script => ProcessTable.SignalAsync(up.ScriptPid, signal),
            StopTarget.Host => ProcessTable.SignalAsync(up.HostPid, signal),
            _ => ProcessTable.SignalGroupAsync(up.ScriptPid, signal),
        });
        var exitCode = await up.WaitForExitAsync(StopLimit);

        var because = $"after {signal} to the {target}; the script said:\n{up.Errors}\nthe host said:\n{up.Output}";
        exitCode.Should().Be(0, $"a requested stop is a clean stop, within {StopLimit.TotalSeconds:0} s, {because}");
        ProcessTable.IsAlive(up.HostPid).Should().BeFalse($"the host ends before the script does, {because}");
        (await up.IsListeningAsync()).Should().BeFalse($"nothing serves {up.Url} any more, {because}");
        up.Output.Should().Contain("Application is shutting down", $"the host stops gracefully, {because}");
        up.HostAliveWhenClusterStopped.Should().BeFalse($"PostgreSQL is stopped, and only after the host has ended, {because}");
        ProcessTable.IsAlive(up.PostmasterPid).Should().BeFalse($"the postmaster up started is gone, {because}");
        checkout.PostmasterPid().Should().BeNull($"the cluster was shut down, not killed, {because}");
    }
}
