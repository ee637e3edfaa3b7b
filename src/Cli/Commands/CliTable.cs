using System.Text.RegularExpressions;
using Spectre.Console;

namespace GemPix.Cli.Commands;

/// <summary>
/// A table an operator reads and a script may parse. On a terminal it is drawn with borders, fitted to the terminal's
/// width. Anywhere else (a pipe, a file, a service's log) each row is one line: columns padded with spaces and
/// separated by at least two, nothing wrapped or cut, and an empty cell shown as <c>-</c> so that columns stay
/// countable; a drawn table there would be wrapped to a guessed width.
/// </summary>
internal sealed partial class CliTable(params string[] columns)
{
    private const string Empty = "-";
    private const string Gap = "  ";

    private readonly List<string[]> _rows = [];

    public CliTable AddRow(params string[] cells)
    {
        if (cells.Length != columns.Length)
        {
            throw new ArgumentException($"A row has {columns.Length} cells, not {cells.Length}.", nameof(cells));
        }

        _rows.Add([.. cells.Select(Clean)]);
        return this;
    }

    public void WriteTo(TextWriter output)
    {
        if (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected)
        {
            var table = new Table().AddColumns([.. columns.Select(Markup.Escape)]);
            foreach (var row in _rows)
            {
                table.AddRow([.. row.Select(Markup.Escape)]);
            }

            AnsiConsole.Write(table);
            return;
        }

        var widths = columns.Select((column, i) => _rows.Select(row => row[i].Length).Append(column.Length).Max()).ToArray();
        output.WriteLine(Line(columns, widths));
        foreach (var row in _rows)
        {
            output.WriteLine(Line(row, widths));
        }
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join(Gap, cells.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd();

    /// <summary>
    /// One cell is one line with no gap of two spaces in it: a name or an error message with a line break, a tab or an
    /// indented stack frame would otherwise split the row, or its column.
    /// </summary>
    private static string Clean(string? cell) => string.IsNullOrWhiteSpace(cell) ? Empty : Blanks().Replace(cell.Trim(), " ");

    [GeneratedRegex(@"[\s\p{Cc}]+")]
    private static partial Regex Blanks();
}
