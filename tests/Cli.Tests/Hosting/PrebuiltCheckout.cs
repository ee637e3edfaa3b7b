using System.Diagnostics;

namespace GemPix.Cli.Tests.Hosting;

/// <summary>
/// A checkout of its own in a temporary directory: this repository's <c>./gempix</c>, with the CLI these tests were
/// built with standing in for its build (so the script finds it up to date and builds nothing), and a
/// <c>GEMPIX_DATA</c> of its own, where <c>up</c> starts a local PostgreSQL. Shared by a test class: the cluster is
/// created once and started and stopped by each test.
/// </summary>
public sealed class PrebuiltCheckout : IDisposable
{
    private static readonly DateTime LongAgo = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public PrebuiltCheckout()
    {
        Root = Directory.CreateTempSubdirectory("gempix-checkout-").FullName;
        Script = Path.Combine(Root, "gempix");
        File.Copy(RepositoryRoot.Script, Script);
        Directory.CreateDirectory(Path.Combine(Root, "artifacts"));
        Directory.CreateSymbolicLink(Path.Combine(Root, "artifacts", "cli"), AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        // The script rebuilds the CLI when a source is newer than it: here there are none.
        Directory.CreateDirectory(Path.Combine(Root, "src"));
        foreach (var props in new[] { "Directory.Build.props", "Directory.Packages.props" })
        {
            var file = Path.Combine(Root, props);
            File.WriteAllText(file, "<Project />");
            File.SetLastWriteTimeUtc(file, LongAgo);
        }

        DataDirectory = Path.Combine(Root, "data");
        Directory.CreateDirectory(DataDirectory);
    }

    public string Root { get; }

    public string Script { get; }

    public string DataDirectory { get; }

    public string ClusterDirectory => Path.Combine(DataDirectory, "pg");

    /// <summary>The running postmaster's process id, from its <c>postmaster.pid</c>; null when the cluster is stopped.</summary>
    public int? PostmasterPid()
    {
        var file = Path.Combine(ClusterDirectory, "postmaster.pid");
        return File.Exists(file) && int.TryParse(File.ReadLines(file).FirstOrDefault(), out var pid) ? pid : null;
    }

    /// <summary>
    /// How to run <c>./gempix VERB</c> here: in a session (and process group) of its own, as a terminal or a service
    /// manager starts it, with INT and QUIT at their defaults even when this test runs in the background, and with
    /// GEMPIX_DB unset so that the script starts PostgreSQL itself.
    /// </summary>
    public ProcessStartInfo StartInfo(string verb, Uri url)
    {
        var start = new ProcessStartInfo("setsid")
        {
            ArgumentList = { "env", "--default-signal=INT,QUIT,TERM,HUP", "bash", Script, verb },
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Remove("GEMPIX_DB");
        start.Environment["GEMPIX_DATA"] = DataDirectory;
        start.Environment["GEMPIX_URL"] = url.ToString().TrimEnd('/');
        return start;
    }

    /// <summary>Stops the local PostgreSQL whatever a test left behind (<c>./gempix db stop</c>).</summary>
    public void StopCluster()
    {
        var start = StartInfo("db", new Uri("http://127.0.0.1:1"));
        start.ArgumentList.Add("stop");
        using var stop = Process.Start(start)!;
        stop.WaitForExit(TimeSpan.FromSeconds(60));
    }

    public void Dispose()
    {
        StopCluster();
        Directory.Delete(Root, recursive: true);
    }
}
