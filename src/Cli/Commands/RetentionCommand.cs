using System.CommandLine;
using GemPix.Projections.Retention;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Spectre.Console;

namespace GemPix.Cli.Commands;

/// <summary><c>retention run [--as-of INSTANT] [--dry-run]</c>: enforce retention now (or as of an instant) and print what went.</summary>
internal static class RetentionCommand
{
    public static Command Create()
    {
        var command = new Command("retention", "Enforce the retention schedule.");
        command.Subcommands.Add(Run());
        return command;
    }

    private static Command Run()
    {
        var asOf = new Option<string?>("--as-of") { Description = "Enforce as of this ISO-8601 instant (such as 2027-01-01T00:00:00Z) instead of now." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Count what would be purged; purge nothing." };
        var command = new Command("run", "Purge what the retention schedule says is due: transient uploads, expired billing, old access-log partitions, expired sessions, forgotten sign-in failures.") { asOf, dryRun };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliServices.StartAsync(cancellationToken);
            var instant = services.GetRequiredService<IClock>().GetCurrentInstant();
            if (parse.GetValue(asOf) is { } text)
            {
                var parsed = InstantPattern.ExtendedIso.Parse(text);
                if (!parsed.Success)
                {
                    await Console.Error.WriteLineAsync($"--as-of: '{text}' is not an ISO-8601 instant such as 2027-01-01T00:00:00Z.");
                    return 2;
                }

                instant = parsed.Value;
            }

            var dry = parse.GetValue(dryRun);
            var report = await services.GetRequiredService<RetentionRun>().TryRunAsync(instant, dry, cancellationToken);
            if (report is null)
            {
                await Console.Error.WriteLineAsync("Another process is running retention now; try again when it is done.");
                return 1;
            }

            var table = new Table().AddColumns("retention class", dry ? "would purge" : "purged", "details");
            foreach (var line in report.Lines)
            {
                table.AddRow(line.RetentionClass, line.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(string.Join(", ", line.Details.Take(10))));
            }

            AnsiConsole.Write(table);
            Console.WriteLine($"retention {(dry ? "dry run" : "run")} as of {InstantPattern.ExtendedIso.Format(instant)}: {report.Lines.Sum(l => l.Count)} {(dry ? "due" : "purged")}");
            return 0;
        });
        return command;
    }
}
