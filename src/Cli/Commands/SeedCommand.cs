using System.CommandLine;
using System.Globalization;
using GemPix.Cli.Seeding;
using Spectre.Console;

namespace GemPix.Cli.Commands;

/// <summary>
/// <c>seed --subjects N [--seed S]</c>: synthetic people written through the domain, with a progress bar and a summary
/// of counts per kind. Nothing personal is printed: not a name, not an address, not a prompt.
/// </summary>
internal static class SeedCommand
{
    public static Command Create()
    {
        var subjects = new Option<int>("--subjects") { Description = "How many synthetic people to write.", Required = true };
        var seed = new Option<int?>("--seed") { Description = "Draws the same people again; random (and printed) when omitted." };
        var parallel = new Option<int>("--parallel") { Description = "People seeded at once.", DefaultValueFactory = _ => 4 };
        var command = new Command(
            "seed",
            "Write realistic synthetic people (Bogus) through the domain: accounts, consents, credit purchases, uploads and queued generations.")
        {
            subjects, seed, parallel,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(subjects);
            var atOnce = parse.GetValue(parallel);
            if (count < 1 || atOnce < 1)
            {
                await Console.Error.WriteLineAsync("--subjects and --parallel must be at least 1");
                return 2;
            }

            var chosenSeed = parse.GetValue(seed) ?? Random.Shared.Next();
            await using var services = await CliServices.StartAsync(cancellationToken);
            var run = SeedRun.From(services);
            SeedTally? tally = null;
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("subjects", maxValue: count);
                    tally = await run.RunAsync(count, chosenSeed, atOnce, new Progress<int>(done => task.Value = Math.Max(task.Value, done)), cancellationToken);
                    task.Value = count;
                });

            var table = new Table().AddColumn("kind").AddColumn(new TableColumn("count").RightAligned());
            foreach (var (kind, total) in tally!.Rows())
            {
                table.AddRow(Markup.Escape(kind), total.ToString("N0", CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            Console.WriteLine($"seed {chosenSeed.ToString(CultureInfo.InvariantCulture)}: --seed {chosenSeed.ToString(CultureInfo.InvariantCulture)} draws the same people again.");
            Console.WriteLine("Generations wait in the queue until a worker runs (./gempix worker, or ./gempix up).");
            if (tally.RefusalCount > 0)
            {
                Console.WriteLine("Some commands were refused (the rows 'refused: CODE'); account-exists means the same seed was seeded into this database before.");
            }

            return tally.RefusalCount == 0 ? 0 : 1;
        });
        return command;
    }
}
