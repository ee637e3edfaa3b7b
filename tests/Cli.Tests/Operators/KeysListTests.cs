using GemPix.Api.Authentication;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Npgsql;

namespace GemPix.Cli.Tests.Operators;

public sealed class KeysListTests(OperatorCli cli) : IClassFixture<OperatorCli>
{
    [Fact]
    public async Task Keys_list_prints_each_keys_id_role_name_created_and_revoked_as_a_plain_table_and_never_a_key_or_its_hash()
    {
        var store = new ApiKeyStore(cli.Services.GetRequiredService<NpgsqlDataSource>(), cli.Services.GetRequiredService<IClock>());
        var auditor = await store.IssueAsync("auditor", "Audit firm A", default);
        var regulator = await store.IssueAsync("regulator", "regulator\nwith a line break", default);
        await store.RevokeAsync(regulator.Key.Id, default);

        var listed = await cli.RunAsync("keys", "list");

        listed.ExitCode.Should().Be(0, listed.Error);
        listed.HasBoxDrawing.Should().BeFalse("a pipe gets plain lines:\n" + listed.Output);
        var table = listed.Table("id");
        table[0].Should().Equal("id", "role", "name", "created", "revoked");
        var keys = await store.ListAsync(default);
        table.Skip(1).Should().BeEquivalentTo(
            keys.Select(k => new[]
            {
                k.Id.ToString(), k.Role, k.Name.Replace('\n', ' '), InstantPattern.General.Format(k.CreatedAt),
                k.RevokedAt is { } revoked ? InstantPattern.General.Format(revoked) : "-",
            }),
            options => options.WithStrictOrdering());
        table.Select(row => row[1]).Skip(1).Should().Equal("auditor", "regulator");
        table[2][4].Should().NotBe("-", "the regulator's key is revoked");
        foreach (var secret in new[] { auditor.Secret, regulator.Secret })
        {
            listed.Output.Should().NotContain(secret);
        }

        await using var hashes = cli.Database.DataSource.CreateCommand("SELECT encode(key_hash, 'hex'), encode(key_hash, 'base64') FROM gempix.api_keys");
        await using var reader = await hashes.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            listed.Output.Should().NotContainEquivalentOf(reader.GetString(0)).And.NotContain(reader.GetString(1));
        }
    }
}
