using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using GemPix.EventStore.Ledger;
using GemPix.Projections.Hosting;
using GemPix.Protection.Signing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Spectre.Console;

namespace GemPix.Cli.Commands;

/// <summary>
/// <c>verify-ledger [--jwks FILE]</c>: recomputes the ledger from the events table and checks it against every signed
/// tree head. Exit 0 with a summary; exit 1 naming the first bad sequence number (or the bad head) on any mismatch.
/// </summary>
internal static class VerifyLedgerCommand
{
    public static Command Create()
    {
        var jwks = new Option<FileInfo?>("--jwks") { Description = "Check the heads against this JWKS file instead of the keys the database publishes." };
        var command = new Command(
            "verify-ledger",
            "Recompute the ledger from the events table and check it against every signed tree head; exit 1 naming the first bad sequence number.") { jwks };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliServices.StartAsync(cancellationToken);
            var file = parse.GetValue(jwks);
            JsonNode keys;
            if (file is null)
            {
                keys = await services.GetRequiredService<ServiceSigningKeys>().ReadPublishedAsync(cancellationToken);
            }
            else if (!file.Exists || JsonNode.Parse(await File.ReadAllTextAsync(file.FullName, cancellationToken)) is not { } parsed)
            {
                await Console.Error.WriteLineAsync($"not a JWKS file: {file.FullName}");
                return 2;
            }
            else
            {
                keys = parsed;
            }

            var verifier = new LedgerVerifier(services.GetRequiredService<NpgsqlDataSource>(), new JwksTreeHeadVerifier(keys));
            var total = (await services.GetRequiredService<LedgerReader>().GetStateAsync(cancellationToken)).TreeSize;
            var started = TimeProvider.System.GetTimestamp();
            LedgerVerification? result = null;
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("leaves", maxValue: Math.Max(1, total));
                    result = await verifier.VerifyAsync(new Progress<long>(done => task.Value = done), cancellationToken);
                    task.Value = task.MaxValue;
                });

            var elapsed = TimeProvider.System.GetElapsedTime(started);
            return Report(result!, elapsed);
        });
        return command;
    }

    private static int Report(LedgerVerification result, TimeSpan elapsed)
    {
        var culture = CultureInfo.InvariantCulture;
        if (result.Fault is { } fault)
        {
            var where = fault switch
            {
                { Seq: { } seq } => string.Create(culture, $"first bad sequence number {seq} (leaf {fault.LeafIndex})"),
                { HeadTreeSize: { } size } => string.Create(culture, $"bad tree head of size {size}"),
                _ => string.Create(culture, $"bad ledger node near leaf {fault.LeafIndex}"),
            };
            Console.WriteLine($"LEDGER MISMATCH: {where}: {fault.Reason}");
            Console.WriteLine(string.Create(culture, $"  verified before it: {result.Leaves:N0} leaves, {result.Heads:N0} heads"));
            return 1;
        }

        Console.WriteLine("LEDGER VERIFIED");
        Console.WriteLine(string.Create(culture, $"  leaves       {result.Leaves:N0}, each recomputed from its event's columns"));
        Console.WriteLine(string.Create(culture, $"  heads        {result.Heads:N0} signed heads: signature, root and consistency with the previous head"));
        if (result.Latest is { } latest)
        {
            Console.WriteLine(string.Create(culture, $"  latest head  size {latest.TreeSize:N0}, root {latest.RootHashHex}, issued {latest.IssuedAt}"));
        }

        Console.WriteLine(string.Create(culture, $"  unsealed     {result.Unsealed:N0} events committed after the last seal"));
        Console.WriteLine(string.Create(culture, $"  time         {elapsed.TotalSeconds:0.0} s"));
        return 0;
    }
}
