using System.Security.Cryptography;
using GemPix.Cli.Seeding;
using GemPix.Projections.Handling;
using GemPix.Projections.Uploads;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;

namespace GemPix.Cli.Tests.Operators;

public sealed class RetentionRunTests(OperatorCli cli) : IClassFixture<OperatorCli>
{
    private const int Seed = 20261202;
    private const string ClientsOwnKey = "signup-ada@example.org";

    [Fact]
    public async Task A_dry_run_lists_each_item_due_by_kind_and_id_a_run_lists_what_it_purged_and_neither_prints_personal_data()
    {
        await SeedRun.From(cli.Services).RunAsync(1, Seed, 1, null, default);
        var person = SyntheticSubjects.Create(Seed, 0, SystemClock.Instance.GetCurrentInstant().InUtc().Date);
        var subject = await SubjectAsync();
        var upload = await UploadAsync(subject);
        var tokenHash = RandomNumberGenerator.GetBytes(32);
        var session = Guid.NewGuid();
        await InsertExpiredSessionAsync(tokenHash, session, subject);
        await InsertOldIdempotentAnswerAsync(subject);
        await cli.Database.ExecuteAsync("SELECT gempix.ensure_access_log_partitions('2020-03-01', 1)");
        // Past the billing records' ten years, so that every retention class has something due.
        var asOf = InstantPattern.ExtendedIso.Format(SystemClock.Instance.GetCurrentInstant() + Duration.FromDays(11 * 366));

        var dry = await cli.RunAsync("retention", "run", "--as-of", asOf, "--dry-run");

        dry.ExitCode.Should().Be(0, dry.Error);
        dry.HasBoxDrawing.Should().BeFalse("a pipe gets plain lines:\n" + dry.Output);
        var due = Items(dry);
        due.Should().Contain(row => row.SequenceEqual(new[] { "transient-uploads", "upload", upload.ToString(), "-" }));
        due.Should().Contain(row => row.SequenceEqual(new[] { "billing", "billing-key", subject.ToString(), "-" }), "a dry run issues no certificate");
        due.Should().Contain(row => row.SequenceEqual(new[] { "api-access-log", "access-log-partition", "2020-03-01", "-" }));
        due.Should().Contain(row => row.SequenceEqual(new[] { "sessions", "session", session.ToString(), "-" }));
        due.Should().ContainSingle(row => row[0] == "idempotent-answers" && row[1] == "idempotent-answer" && row[2].Length == 16);
        Counts(dry).Should().OnlyContain(c => c.Value == due.Count(row => row[0] == c.Key), "each class's count is its items listed");
        Counts(dry).Keys.Should().Equal("transient-uploads", "billing", "api-access-log", "sessions", "sign-in-failures", "idempotent-answers");
        dry.Lines[^1].Should().Be($"retention dry run as of {asOf}: {due.Count} due");
        ShouldHoldNoPersonalData(dry, person, tokenHash);
        (await CountAsync($"SELECT count(*) FROM gempix.sessions WHERE session_id = '{session}'")).Should().Be(1, "a dry run purges nothing");

        var run = await cli.RunAsync("retention", "run", "--as-of", asOf);

        run.ExitCode.Should().Be(0, run.Error);
        var purged = Items(run);
        purged.Select(row => row[..3]).Should().BeEquivalentTo(due.Select(row => row[..3]), "the run purges what the dry run listed");
        purged.Single(row => row[1] == "billing-key")[3].Should().MatchRegex("^[0-9a-f-]{36}$", "the deletion certificate issued");
        run.Lines[^1].Should().Be($"retention run as of {asOf}: {purged.Count} purged");
        ShouldHoldNoPersonalData(run, person, tokenHash);
        (await CountAsync($"SELECT count(*) FROM gempix.sessions WHERE session_id = '{session}'")).Should().Be(0);
        (await CountAsync($"SELECT count(*) FROM gempix.uploads WHERE id = '{upload}'")).Should().Be(0);

        var again = await cli.RunAsync("retention", "run", "--as-of", asOf, "--dry-run");

        again.Lines[^1].Should().Be($"retention dry run as of {asOf}: 0 due");
    }

    private static List<string[]> Items(CliResult result) => [.. result.Table("retention class", "kind", "id", "certificate").Skip(1)];

    private static Dictionary<string, int> Counts(CliResult result) =>
        result.Table("retention class", result.Output.Contains("dry run", StringComparison.Ordinal) ? "would purge" : "purged").Skip(1).ToDictionary(row => row[0], row => int.Parse(row[1], System.Globalization.CultureInfo.InvariantCulture));

    private static void ShouldHoldNoPersonalData(CliResult result, SyntheticSubject person, byte[] tokenHash)
    {
        result.Output.Should().NotContain(person.Email).And.NotContain(person.DisplayName).And.NotContain("pi_").And.NotContain(ClientsOwnKey)
            .And.NotContainEquivalentOf(Convert.ToHexString(tokenHash)).And.NotContain(Convert.ToBase64String(tokenHash));
    }

    private async Task<Guid> SubjectAsync()
    {
        await using var command = cli.Database.DataSource.CreateCommand("SELECT subject_id FROM gempix.account_emails");
        return (Guid)(await command.ExecuteScalarAsync())!;
    }

    private async Task<Guid> UploadAsync(Guid subject)
    {
        var png = await SyntheticPictures.RenderAsync(new SyntheticUpload(SyntheticPicture.Gradient, 32, 32, 7, Keep: false), default);
        var (received, rejection) = await cli.Services.GetRequiredService<UploadReceipts>().ReceiveAsync(Guid.CreateVersion7(), subject, png, keep: false, Actors.Subject(subject), default);
        rejection.Should().BeNull();
        return received!.UploadId;
    }

    private async Task InsertExpiredSessionAsync(byte[] tokenHash, Guid session, Guid subject)
    {
        await using var command = cli.Database.DataSource.CreateCommand(
            "INSERT INTO gempix.sessions (token_hash, session_id, subject_id, created_at, expires_at) VALUES ($1, $2, $3, now() - interval '2 days', now() - interval '1 day')");
        command.Parameters.AddWithValue(tokenHash);
        command.Parameters.AddWithValue(session);
        command.Parameters.AddWithValue(subject);
        await command.ExecuteNonQueryAsync();
    }

    private async Task InsertOldIdempotentAnswerAsync(Guid subject)
    {
        await using var command = cli.Database.DataSource.CreateCommand(
            "INSERT INTO gempix.idempotency_keys (scope, subject_id, key, request_hash, status_code, created_at) VALUES (sha256('Bearer token'::bytea), $1, $2, sha256('{}'::bytea), 201, now() - interval '2 days')");
        command.Parameters.AddWithValue(subject);
        command.Parameters.AddWithValue(ClientsOwnKey);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var command = cli.Database.DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
