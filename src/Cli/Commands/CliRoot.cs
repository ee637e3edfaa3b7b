using System.CommandLine;
using NodaTime;

namespace GemPix.Cli.Commands;

/// <summary>Every verb of the CLI under one root, built apart from <c>Main</c> so that tests can run a verb in-process.</summary>
internal static class CliRoot
{
    public static RootCommand Create(IClock clock) => new("GemPix: the compliance-first backend of an AI image platform.")
    {
        HostCommands.Up(),
        HostCommands.Api(),
        HostCommands.Worker(),
        MigrateCommand.Create(),
        ProjectionsCommand.Create(),
        SeedCommand.Create(),
        GenerateCommand.Create(clock),
        BenchCommand.Create(),
        VerifyCertificateCommand.Create(),
        VerifyLedgerCommand.Create(),
        KeysCommand.Create(),
        RetentionCommand.Create(),
        TrainingCommand.Create(),
    };
}
