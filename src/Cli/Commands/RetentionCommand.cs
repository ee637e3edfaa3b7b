using System.CommandLine;
using System.Globalization;
using GemPix.Projections.Retention;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;

namespace GemPix.Cli.Commands;

/// <summary>
/// <c>retention run [--as-of INSTANT] [--dry-run]</c>: enforce retention now (or as of an instant) and print what went,
/// or would go: a count per retention class, then every item by kind and id (never personal data).
/// </summary>
internal static class RetentionCommand
{
    public static Command Create()
    {
        var command = new Command("retention", "Enforce the retention schedule: run [--as-of INSTANT] [--dry-run] lists what was purged, or would be.");
        command.Subcommands.Add(Run());
        return command;
    }

    private static Command Run()
    {
        var asOf = new Option<string?>("--as-of") { Description = "Enforce as of this ISO-8601 instant (such as 2027-01-01T00:00:00Z) instead of now." };
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be purged; purge nothing." };
        var command = new Command("run", "Purge what the retention schedule says is due (transient uploads, expired billing, old access-log partitions, expired sessions, forgotten sign-in failures, old idempotent answers) and list each item by kind and id.") { asOf, dryRun };
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

            var output = parse.InvocationConfiguration.Output;
            var counts = new CliTable("retention class", dry ? "would purge" : "purged");
            foreach (var line in report.Lines)
            {
                counts.AddRow(line.RetentionClass, line.Count.ToString(CultureInfo.InvariantCulture));
            }

            counts.WriteTo(output);
            var total = report.Lines.Sum(l => l.Count);
            if (total > 0)
            {
                output.WriteLine();
                var items = new CliTable("retention class", "kind", "id", "certificate");
                foreach (var line in report.Lines)
                {
                    foreach (var item in line.Items)
                    {
                        items.AddRow(line.RetentionClass, item.Kind, item.Id, item.Certificate?.ToString() ?? "");
                    }
                }

                items.WriteTo(output);
            }

            output.WriteLine();
            output.WriteLine($"retention {(dry ? "dry run" : "run")} as of {InstantPattern.ExtendedIso.Format(instant)}: {total} {(dry ? "due" : "purged")}");
            return 0;
        });
        return command;
    }
}
