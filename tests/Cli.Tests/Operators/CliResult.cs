using System.Text.RegularExpressions;

namespace GemPix.Cli.Tests.Operators;

/// <summary>What one CLI run printed, and how it ended.</summary>
public sealed partial record CliResult(int ExitCode, string Output, string Error)
{
    public IReadOnlyList<string> Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

    /// <summary>
    /// The plain table whose header begins with <paramref name="header"/>, up to the next blank line: the header and
    /// each row split on runs of two or more spaces, as a script would split them.
    /// </summary>
    public IReadOnlyList<string[]> Table(params string[] header)
    {
        var lines = Output.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        var start = Array.FindIndex(lines, l => ColumnGap().Split(l).Take(header.Length).SequenceEqual(header));
        if (start < 0)
        {
            throw new InvalidOperationException($"No table headed '{string.Join(", ", header)}' in:\n{Output}");
        }

        return [.. lines.Skip(start).TakeWhile(l => l.Length > 0).Select(l => ColumnGap().Split(l))];
    }

    /// <summary>Whether the output holds any box-drawing character: a table drawn for a terminal.</summary>
    public bool HasBoxDrawing => Output.Any(c => c is >= '\u2500' and <= '\u257F');

    [GeneratedRegex(" {2,}")]
    private static partial Regex ColumnGap();
}
