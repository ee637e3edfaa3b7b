using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace GemPix.Testing;

/// <summary>A full <c>pg_dump</c> of a test database as text: every schema, every table, the key vault included.</summary>
public static class PgDump
{
    public static async Task<string> OfAsync(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var bin = Environment.GetEnvironmentVariable("GEMPIX_PG_BIN") ?? "/usr/lib/postgresql/15/bin";
        var start = new ProcessStartInfo(Path.Combine(bin, "pg_dump"))
        {
            ArgumentList = { "-h", connection.Host!, "-p", connection.Port.ToString(CultureInfo.InvariantCulture), "-U", connection.Username!, "-d", connection.Database!, "--no-owner" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["PGPASSWORD"] = connection.Password },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("pg_dump failed: " + await error);
        }

        var dump = await output;
        return dump.Contains("gempix_vault.keys", StringComparison.Ordinal) ? dump : throw new InvalidOperationException("The dump does not cover the key vault.");
    }
}
