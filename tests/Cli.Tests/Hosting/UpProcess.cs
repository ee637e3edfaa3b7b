using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GemPix.Cli.Tests.Hosting;

/// <summary>
/// One <c>./gempix up</c> of a <see cref="PrebuiltCheckout"/>, a real process tree: the script, the host it starts and
/// the PostgreSQL it starts. Disposing it kills whatever is still running, so that a failed test leaves nothing behind.
/// </summary>
internal sealed class UpProcess : IAsyncDisposable
{
    /// <summary>What the script says just before it stops the PostgreSQL it started.</summary>
    public const string StoppingCluster = "stopping the local PostgreSQL";

    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(3);

    private readonly PrebuiltCheckout _checkout;
    private readonly Process _script;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _errors = new();
    private int _hostPid;
    private bool? _hostAliveWhenClusterStopped;

    private UpProcess(PrebuiltCheckout checkout, Uri url)
    {
        _checkout = checkout;
        Url = url;
        _script = new Process { StartInfo = checkout.StartInfo("up", url) };
        _script.OutputDataReceived += (_, line) => Append(_output, line.Data);
        _script.ErrorDataReceived += (_, line) =>
        {
            if (line.Data?.Contains(StoppingCluster, StringComparison.Ordinal) == true)
            {
                lock (_errors)
                {
                    _hostAliveWhenClusterStopped = ProcessTable.IsAlive(_hostPid);
                }
            }

            Append(_errors, line.Data);
        };
    }

    public Uri Url { get; }

    public int ScriptPid => _script.Id;

    public int HostPid => _hostPid;

    public int PostmasterPid { get; private set; }

    public string Output => Read(_output);

    public string Errors => Read(_errors);

    /// <summary>Whether the host was still running when the script began to stop PostgreSQL; null when it never did.</summary>
    public bool? HostAliveWhenClusterStopped
    {
        get
        {
            lock (_errors)
            {
                return _hostAliveWhenClusterStopped;
            }
        }
    }

    /// <summary>Starts <c>./gempix up</c> on a free port and returns once the host answers <c>/health/live</c>.</summary>
    public static async Task<UpProcess> StartAsync(PrebuiltCheckout checkout)
    {
        var up = new UpProcess(checkout, new Uri($"http://127.0.0.1:{FreePort()}"));
        try
        {
            up._script.Start();
            up._script.BeginOutputReadLine();
            up._script.BeginErrorReadLine();
            await up.WaitUntilServingAsync();
            up._hostPid = ProcessTable.ChildrenOf(up.ScriptPid).Single();
            up.PostmasterPid = checkout.PostmasterPid() ?? throw new InvalidOperationException("up serves, but its PostgreSQL has no postmaster.pid");
            return up;
        }
        catch
        {
            await up.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits for the script to end; null when it is still running after <paramref name="limit"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _script.WaitForExitAsync(timeout.Token);
            return _script.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Whether anything accepts connections on the URL's port.</summary>
    public async Task<bool> IsListeningAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Url.Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_script.HasExited)
        {
            // The script leads its own process group: this reaches it and a host it left behind.
            await ProcessTable.SignalGroupAsync(ScriptPid, "KILL");
        }

        if (_hostPid != 0 && ProcessTable.IsAlive(_hostPid))
        {
            await ProcessTable.SignalAsync(_hostPid, "KILL");
        }

        using (var exited = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await _script.WaitForExitAsync(exited.Token);
            }
            catch (OperationCanceledException)
            {
                // Killed above; a script that still has not ended is left to the checkout's cleanup.
            }
        }

        _checkout.StopCluster();
        _script.Dispose();
    }

    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (_script.HasExited)
            {
                throw new InvalidOperationException($"./gempix up ended ({_script.ExitCode}) before it served:\n{Errors}\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Too busy to answer yet.
            }

            if (stopwatch.Elapsed > StartLimit)
            {
                throw new TimeoutException($"./gempix up did not serve {Url} within {StartLimit.TotalMinutes:0} minutes:\n{Errors}\n{Output}");
            }

            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.AppendLine(line);
        }
    }

    private static string Read(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }
}
