using System.CommandLine;
using GemPix.Cli.Commands;
using NodaTime;

// Hosts handle Ctrl-C themselves and shut down gracefully; the parser must not cut that short.
return await CliRoot.Create(SystemClock.Instance).Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
