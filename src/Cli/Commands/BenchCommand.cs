using System.CommandLine;
using GemPix.Benchmarks;
using GemPix.Projections.Hosting;
using Microsoft.Extensions.Configuration;

namespace GemPix.Cli.Commands;

/// <summary><c>bench SUITE</c>: each suite measures GemPix against a baseline taken in the same run and ends with <c>SUITE: ... ratio=R</c>.</summary>
internal static class BenchCommand
{
    private const int DefaultSeconds = 5;
    private const int ApiSeconds = 10;

    public static Command Create()
    {
        var suite = new Argument<string>("suite") { Description = "append | project | erase | export | seal | verify | proof | api | generate | marten-protection" };
        suite.AcceptOnlyFromAmong("append", "project", "erase", "export", "seal", "verify", "proof", "api", "generate", "marten-protection");
        var seconds = new Option<int?>("--seconds") { Description = $"Seconds per measured round (default {DefaultSeconds}; api: per phase, default {ApiSeconds})." };
        var rounds = new Option<int>("--rounds") { Description = "Rounds per side; the median is reported.", DefaultValueFactory = _ => 3 };
        var writers = new Option<int>("--writers") { Description = "Concurrent writers.", DefaultValueFactory = _ => 8 };
        var events = new Option<int>("--events") { Description = "Events to seed (project, verify, proof; seal starts behind half as many; export's small store holds a tenth).", DefaultValueFactory = _ => 1_000_000 };
        var clients = new Option<int>("--clients") { Description = "Concurrent HTTP clients (api), each a subject of its own.", DefaultValueFactory = _ => 32 };
        var command = new Command("bench", "Run a benchmark suite (append, project, erase, export, seal, verify, proof, api, generate, marten-protection) on a throwaway database, against a baseline measured in the same run.") { suite, seconds, rounds, writers, events, clients };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = GemPixSettings.From(new ConfigurationBuilder().AddEnvironmentVariables().Build());
            var chosen = parse.GetValue(suite);
            var options = new BenchOptions
            {
                Seconds = parse.GetValue(seconds) ?? (chosen == "api" ? ApiSeconds : DefaultSeconds),
                Rounds = parse.GetValue(rounds),
                Writers = parse.GetValue(writers),
                Events = parse.GetValue(events),
                Clients = parse.GetValue(clients),
            };
            switch (chosen)
            {
                case "append":
                    await new AppendBenchmark(Console.Out).RunAsync(settings.Database, options, cancellationToken);
                    break;
                case "erase":
                    await new EraseBenchmark(Console.Out).RunAsync(settings.Database, options, cancellationToken);
                    break;
                case "export":
                    await new ExportBenchmark(Console.Out).RunAsync(settings.Database, options, cancellationToken);
                    break;
                case "project":
                    await new ProjectBenchmark(Console.Out).RunAsync(settings.Database, options, cancellationToken);
                    break;
                case "seal":
                    await new SealBenchmark(Console.Out).RunAsync(settings.Database, options, cancellationToken);
                    break;
                case "verify":
                    await new VerifyBenchmark(Console.Out).RunAsync(settings.Database, options, cancellationToken);
                    break;
                case "proof":
                    await new ProofBenchmark(Console.Out).RunAsync(settings.Database, options, cancellationToken);
                    break;
                case "api":
                    await new ApiBenchmark(Console.Out).RunAsync(settings.Database, options, cancellationToken);
                    break;
                case "generate":
                    await new GenerateBenchmark(Console.Out).RunAsync(options, cancellationToken);
                    break;
                case "marten-protection":
                    await new MartenProtectionBenchmark(Console.Out).RunAsync(settings.Database, options, cancellationToken);
                    break;
            }

            return 0;
        });
        return command;
    }
}
