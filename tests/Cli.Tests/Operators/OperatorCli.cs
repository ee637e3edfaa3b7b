using System.Diagnostics;
using GemPix.Projections.Hosting;
using GemPix.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GemPix.Cli.Tests.Operators;

/// <summary>
/// The CLI as an operator runs it: a process of its own, its output a pipe (not a terminal), against a test database
/// and a data directory of its own. <see cref="Services"/> reach the same database and keys in-process, to set a
/// scene up and to look at the result.
/// </summary>
public sealed class OperatorCli : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "gempix-cli-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider? _services;

    public TestDatabase Database { get; } = new();

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("Not initialised yet.");

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GEMPIX_DB"] = Database.ConnectionString,
            ["GEMPIX_DATA"] = _dataDirectory,
        }).Build();
        _services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddGemPixCore().BuildServiceProvider();
    }

    /// <summary>Runs <c>./gempix ARGS</c>'s CLI to its end.</summary>
    public async Task<CliResult> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "GemPix.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["GEMPIX_DB"] = Database.ConnectionString;
        start.Environment["GEMPIX_DATA"] = _dataDirectory;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"gempix {string.Join(' ', args)} ran past {Limit.TotalMinutes:0} minutes");
        }

        return new CliResult(process.ExitCode, await output, await error);
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await Database.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
