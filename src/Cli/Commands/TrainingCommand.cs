using System.CommandLine;
using GemPix.Projections.Training;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Text;

namespace GemPix.Cli.Commands;

/// <summary><c>training snapshot</c>: record the items eligible for model training now, with their hashes and a root.</summary>
internal static class TrainingCommand
{
    public static Command Create()
    {
        var command = new Command("training", "Model-training eligibility: snapshot records the eligible prompts and uploads, each with its content hash, and a root hash.");
        var snapshot = new Command("snapshot", "Record a training snapshot: the eligible prompts and uploads, each with its content hash, and a root hash over them.");
        snapshot.SetAction(async (_, cancellationToken) =>
        {
            await using var services = await CliServices.StartAsync(cancellationToken);
            try
            {
                var taken = await services.GetRequiredService<TrainingSnapshots>().TakeAsync(cancellationToken);
                Console.WriteLine($"Snapshot {taken.SnapshotId} at {InstantPattern.ExtendedIso.Format(taken.TakenAt)}: {taken.ItemCount} items, root {taken.ItemsRoot}");
                return 0;
            }
            catch (TrainingEligibilityBehindException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 1;
            }
        });
        command.Subcommands.Add(snapshot);
        return command;
    }
}
