using System.CommandLine;
using System.Globalization;
using GemPix.EventStore;
using GemPix.EventStore.Projections;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Text;
using Spectre.Console;

namespace GemPix.Cli.Commands;

/// <summary><c>projections status|rebuild|resume</c>: how far behind each projection is and why, and the operator's two levers.</summary>
internal static class ProjectionsCommand
{
    public static Command Create()
    {
        var command = new Command("projections", "The read models: status (how far behind each is), rebuild [NAME] from the events, resume NAME after a fix.");
        command.Subcommands.Add(Status());
        command.Subcommands.Add(Rebuild());
        command.Subcommands.Add(Resume());
        return command;
    }

    private static Command Status()
    {
        var command = new Command(
            "status",
            "Each projection's status, how many events it is behind, the last event it processed and, when parked, the failing event and error (exit 1).");
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliServices.StartAsync(cancellationToken);
            var daemon = services.GetRequiredService<ProjectionDaemon>();
            var events = services.GetRequiredService<GapSafeEventReader>();
            var checkpoints = (await services.GetRequiredService<ProjectionCheckpointStore>().ListAsync(cancellationToken)).ToDictionary(c => c.Name);
            var table = new CliTable("projection", "status", "events behind", "last seq", "failed at seq", "attempts", "updated", "error");
            foreach (var name in daemon.ProjectionNames.Union(checkpoints.Keys).Order(StringComparer.Ordinal))
            {
                var checkpoint = checkpoints.GetValueOrDefault(name);
                var position = checkpoint?.Position ?? GlobalPosition.Start;
                var behind = await events.CountCommittedAfterAsync(position, cancellationToken);
                table.AddRow(
                    name,
                    checkpoint is null ? "not started" : checkpoint.State == ProjectionState.Parked ? "parked" : "running",
                    behind.ToString(CultureInfo.InvariantCulture),
                    // The sequence number of the last event applied; the checkpoint's transaction id orders it but means nothing to act on.
                    position == GlobalPosition.Start ? "" : position.Seq.ToString(CultureInfo.InvariantCulture),
                    checkpoint?.FailedSeq?.ToString(CultureInfo.InvariantCulture) ?? "",
                    checkpoint?.Attempts.ToString(CultureInfo.InvariantCulture) ?? "",
                    checkpoint is null ? "" : InstantPattern.General.Format(checkpoint.UpdatedAt),
                    checkpoint?.Error ?? "");
            }

            table.WriteTo(parse.InvocationConfiguration.Output);
            return checkpoints.Values.Any(c => c.State == ProjectionState.Parked) ? 1 : 0;
        });
        return command;
    }

    private static Command Rebuild()
    {
        var name = new Argument<string?>("name") { Description = "The projection to rebuild; all when omitted.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("rebuild", "Reset projections (async ones and the inline read models) and replay the events into them, with a progress bar.") { name };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliServices.StartAsync(cancellationToken);
            var daemon = services.GetRequiredService<ProjectionDaemon>();
            var inline = services.GetServices<IInlineProjection>().OfType<IRebuildableInlineProjection>().ToDictionary(p => p.Name, StringComparer.Ordinal);
            var known = daemon.ProjectionNames.Concat(inline.Keys).ToList();
            var chosen = parse.GetValue(name);
            if (chosen is not null && !known.Contains(chosen))
            {
                AnsiConsole.MarkupLineInterpolated($"[red]No projection is named '{chosen}'.[/] Known: {string.Join(", ", known)}");
                return 2;
            }

            var names = chosen is null ? known : [chosen];
            var failed = 0;
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    foreach (var projection in names)
                    {
                        var task = context.AddTask(projection);
                        var progress = new Progress<RebuildProgress>(p =>
                        {
                            task.MaxValue = Math.Max(1, p.Total);
                            task.Value = p.Done;
                        });
                        try
                        {
                            if (inline.TryGetValue(projection, out var model))
                            {
                                await services.GetRequiredService<InlineProjectionRebuild>().RebuildAsync(model, progress, cancellationToken);
                            }
                            else
                            {
                                await daemon.RebuildAsync(projection, progress, cancellationToken);
                            }

                            task.Value = task.MaxValue;
                        }
                        catch (ProjectionParkedException e)
                        {
                            failed++;
                            AnsiConsole.MarkupLineInterpolated($"[red]{projection}: parked at event {e.Checkpoint.FailedSeq}: {e.Checkpoint.Error}[/]");
                        }

                        task.StopTask();
                    }
                });
            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    private static Command Resume()
    {
        var name = new Argument<string>("name") { Description = "The parked projection." };
        var command = new Command("resume", "Set a parked projection running again: it retries the event it stopped at.") { name };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliServices.StartAsync(cancellationToken);
            var resumed = await services.GetRequiredService<ProjectionCheckpointStore>().ResumeAsync(parse.GetValue(name)!, cancellationToken);
            Console.WriteLine(resumed ? "resumed" : "not parked: nothing to resume");
            return resumed ? 0 : 1;
        });
        return command;
    }
}
