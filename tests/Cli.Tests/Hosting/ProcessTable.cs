using System.Diagnostics;

namespace GemPix.Cli.Tests.Hosting;

/// <summary>What <c>/proc</c> says about processes, and signals sent the way an operator or a service manager sends them.</summary>
internal static class ProcessTable
{
    /// <summary>Whether the process exists and has not ended; a zombie (ended, not yet reaped) counts as ended.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            // The state follows the command name, which is in parentheses and may itself hold spaces.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The ids of the live processes whose parent is <paramref name="parent"/>.</summary>
    public static IReadOnlyList<int> ChildrenOf(int parent)
    {
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(System.IO.Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(System.IO.Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[0] is not ("Z" or "X") && int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) == parent)
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
                // Ended while the table was read.
            }
        }

        return children;
    }

    /// <summary>Sends <paramref name="signal"/> (TERM, INT, HUP, KILL) to one process.</summary>
    public static Task SignalAsync(int pid, string signal) => KillAsync(signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Sends <paramref name="signal"/> to every process of the group led by <paramref name="leader"/>, as a terminal's Ctrl-C does.</summary>
    public static Task SignalGroupAsync(int leader, string signal) => KillAsync(signal, "-" + leader.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static async Task KillAsync(string signal, string target)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-s", signal, "--", target }, RedirectStandardError = true })!;
        await kill.WaitForExitAsync();
    }
}
