using System.CommandLine;
using GemPix.Cli.Commands;

var root = new RootCommand("GemPix: the compliance-first backend of an AI image platform.")
{
    HostCommands.Up(),
    HostCommands.Api(),
    HostCommands.Worker(),
    MigrateCommand.Create(),
    ProjectionsCommand.Create(),
    BenchCommand.Create(),
    VerifyCertificateCommand.Create(),
    VerifyLedgerCommand.Create(),
    KeysCommand.Create(),
};

// Hosts handle Ctrl-C themselves and shut down gracefully; the parser must not cut that short.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
