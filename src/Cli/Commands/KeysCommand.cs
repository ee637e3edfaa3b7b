using System.CommandLine;
using GemPix.Api.Authentication;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Npgsql;

namespace GemPix.Cli.Commands;

/// <summary>
/// <c>keys issue --role ROLE --name NAME</c>: a new API key, printed once, alone on the last line; only its hash is stored.
/// <c>keys list</c>: every key's id, role, name, and when it was issued and revoked; never a key or its hash.
/// <c>keys revoke --id ID</c>: the key is refused from the next request on.
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "API keys of auditors, regulators and admins: issue, list, revoke.");
        command.Subcommands.Add(Issue());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Revoke());
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List every API key, revoked ones too: id, role, name, created, revoked. Never the key or its hash.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliServices.StartAsync(cancellationToken);
            var store = new ApiKeyStore(services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<IClock>());
            var table = new CliTable("id", "role", "name", "created", "revoked");
            foreach (var key in await store.ListAsync(cancellationToken))
            {
                table.AddRow(key.Id.ToString(), key.Role, key.Name, InstantPattern.General.Format(key.CreatedAt), key.RevokedAt is { } revoked ? InstantPattern.General.Format(revoked) : "");
            }

            table.WriteTo(parse.InvocationConfiguration.Output);
            return 0;
        });
        return command;
    }

    private static Command Revoke()
    {
        var id = new Option<Guid>("--id") { Description = "The key's id, as printed when it was issued.", Required = true };
        var command = new Command("revoke", "Revoke an API key: it is refused from the next request on.") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliServices.StartAsync(cancellationToken);
            var store = new ApiKeyStore(services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<IClock>());
            if (!await store.RevokeAsync(parse.GetValue(id), cancellationToken))
            {
                await Console.Error.WriteLineAsync("No live key has this id.");
                return 1;
            }

            Console.WriteLine("Revoked.");
            return 0;
        });
        return command;
    }

    private static Command Issue()
    {
        var role = new Option<string>("--role") { Description = "auditor | regulator | admin", Required = true };
        role.AcceptOnlyFromAmong([.. ApiKeyRoles.All]);
        var name = new Option<string>("--name") { Description = "Who or what the key is for (shown in logs and audit records).", Required = true };
        var command = new Command("issue", "Issue an API key for a role and print it, alone on the last line. It is shown once: only its SHA-256 is stored.") { role, name };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var keyName = parse.GetValue(name)!;
            if (string.IsNullOrWhiteSpace(keyName))
            {
                await Console.Error.WriteLineAsync("--name must not be empty");
                return 2;
            }

            await using var services = await CliServices.StartAsync(cancellationToken);
            var store = new ApiKeyStore(services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<IClock>());
            var issued = await store.IssueAsync(parse.GetValue(role)!, keyName, cancellationToken);
            Console.WriteLine($"Issued {issued.Key.Role} key '{issued.Key.Name}' (id {issued.Key.Id}). Store it now: it is not shown again.");
            Console.WriteLine("Send it as 'Authorization: Bearer <key>'.");
            Console.WriteLine(issued.Secret);
            return 0;
        });
        return command;
    }
}
