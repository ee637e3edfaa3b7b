using System.Diagnostics;
using System.Text.RegularExpressions;
using GemPix.Cli.Commands;
using GemPix.Testing;

namespace GemPix.Cli.Tests.Operators;

/// <summary><c>./gempix help</c> lists every verb, and for the CLI's verbs says what the CLI itself says of them.</summary>
public sealed partial class HelpTests
{
    /// <summary>The verbs the script handles itself, without the CLI.</summary>
    private static readonly string[] ScriptVerbs = ["test", "db", "help"];

    [Fact]
    public async Task Help_lists_every_verb_once_each_cli_verb_with_the_clis_own_description()
    {
        var verbs = await ScriptUsageAsync();

        var cli = CliRoot.Create(FakeClock.At(2026, 11, 22, 10, 15, 30)).Subcommands.ToDictionary(c => c.Name, c => c.Description);
        verbs.Keys.Should().BeEquivalentTo(cli.Keys.Concat(ScriptVerbs), "every verb is listed, and nothing that is not one");
        foreach (var (verb, description) in cli)
        {
            verbs[verb].Should().Be(description, $"the script and the CLI describe '{verb}' alike");
        }

        verbs.Values.Should().OnlyContain(d => d.Length > 0, "each verb has its one-line description");
    }

    [Fact]
    public void Keys_offers_issue_list_and_revoke()
    {
        var keys = CliRoot.Create(FakeClock.At(2026, 11, 22, 10, 15, 30)).Subcommands.Single(c => c.Name == "keys");

        keys.Subcommands.Select(c => c.Name).Should().BeEquivalentTo("issue", "list", "revoke");
    }

    /// <summary>The verbs <c>./gempix help</c> prints, each with the rest of its line.</summary>
    private static async Task<Dictionary<string, string>> ScriptUsageAsync()
    {
        var data = Directory.CreateTempSubdirectory("gempix-help-");
        try
        {
            var start = new ProcessStartInfo("bash") { ArgumentList = { RepositoryRoot.Script, "help" }, RedirectStandardOutput = true, UseShellExecute = false };
            start.Environment["GEMPIX_DATA"] = data.FullName;
            using var script = Process.Start(start)!;
            var usage = await script.StandardOutput.ReadToEndAsync();
            await script.WaitForExitAsync();
            script.ExitCode.Should().Be(0);
            var lines = usage.Split('\n').Select(l => VerbLine().Match(l)).Where(m => m.Success).ToList();
            lines.Select(m => m.Groups["verb"].Value).Should().OnlyHaveUniqueItems();
            return lines.ToDictionary(m => m.Groups["verb"].Value, m => m.Groups["description"].Value.TrimEnd());
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [GeneratedRegex("^  (?<verb>[a-z][a-z-]*) {2,}(?<description>\\S.*)$")]
    private static partial Regex VerbLine();
}
