using System.Net;
using System.Net.Http.Json;
using GemPix.Domain.Credits;
using GemPix.EventStore;
using GemPix.Projections.Erasure;
using GemPix.Projections.Handling;
using GemPix.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GemPix.Api.Tests.EndUsers;

public sealed class ErasureTests(GemPixApiFactory factory) : IClassFixture<GemPixApiFactory>
{
    /// <summary>
    /// Tables that keep a subject id on purpose after an erasure: the event log and its streams (whose personal values
    /// are now unreadable), the job queue's history, the access log (kept for its 30-day window), the deletion
    /// certificates (the proof of the erasure itself) and the training snapshots (the evidence of what earlier models
    /// saw). Every other table with a subject id is a read model and must hold nothing of the subject.
    /// </summary>
    private static readonly string[] KeptOnPurpose =
        ["events", "streams", "jobs", "api_access_log", "deletion_certificates", "training_snapshot_items", "blobs"];

    [Fact]
    public async Task Erasure_cancels_running_work_removes_every_read_model_row_ends_sessions_and_leaves_no_plaintext_but_keeps_billing()
    {
        var person = await EndUserClient.RegisterAsync(factory);
        using (var bought = new HttpRequestMessage(HttpMethod.Post, "/v1/credits/purchases") { Content = JsonContent.Create(new { credits = 5, paymentReference = "pi_kept_for_the_tax_office" }) })
        {
            bought.Headers.Add("Idempotency-Key", "erase-me");
            (await person.Http.SendAsync(bought)).EnsureSuccessStatusCode();
        }

        (await person.Http.PostAsync(new Uri("/v1/uploads?keep=true", UriKind.Relative), TestImages.Form(TestImages.Png(32, 32)))).EnsureSuccessStatusCode();
        using var queued = await person.Http.PostAsJsonAsync("/v1/generations", new { prompt = "a very private prompt about Ada's garden", width = 64, height = 64 });
        queued.StatusCode.Should().Be(HttpStatusCode.Accepted);

        (await person.Http.PutAsJsonAsync("/v1/me/consents/model-training", new { granted = true, policyVersion = 1 })).EnsureSuccessStatusCode();
        (await person.Http.PostAsJsonAsync("/v1/privacy-requests", new { type = "restriction" })).EnsureSuccessStatusCode();
        var issued = await factory.Services.GetRequiredService<SubjectErasure>().EraseAsync(person.SubjectId, Guid.NewGuid(), EventMetadata.System, default);

        issued.Certificate.SubjectId.Should().Be(person.SubjectId);
        issued.Certificate.ScopesRetained.Should().ContainSingle(s => s.Scope == "billing");
        await factory.Services.GetRequiredService<GemPix.EventStore.Projections.ProjectionDaemon>().RebuildAsync("training_eligibility", null, default);
        var tables = await TablesWithSubjectIdAsync();
        tables.Should().Contain(["account_emails", "credentials", "sessions", "uploads", "generations", "idempotency_keys", "privacy_requests", "training_subjects"]);
        foreach (var table in tables.Except(KeptOnPurpose))
        {
            (await CountAsync($"SELECT count(*) FROM gempix.{table} WHERE subject_id = $1", person.SubjectId)).Should().Be(0, table);
        }

        (await CountAsync("SELECT count(*) FROM gempix.blobs WHERE subject_id = $1", person.SubjectId)).Should().Be(0, "the blobs are deleted");

        (await person.Http.GetAsync(new Uri("/v1/me", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var dump = await PgDump.OfAsync(factory.Database);
        dump.Should().NotContain("Ada's garden").And.NotContain(person.Email).And.NotContain("Ada Lovelace");

        var credits = Deciders.Credits(person.SubjectId);
        var (balance, _) = await factory.Services.GetRequiredService<PostgresEventStore>()
            .AggregateStreamAsync(SubjectStreams.Credits(person.SubjectId), credits.Initial, credits.Evolve);
        balance.Reserved.Should().Be(0, "the cancelled generation's credits were released");
        var purchases = await factory.Services.GetRequiredService<PostgresEventStore>().ReadStreamAsync(SubjectStreams.Credits(person.SubjectId))
            .Select(e => e.Data).OfType<CreditsPurchased>().ToListAsync();
        purchases.Single().PaymentReference.Value.Should().Be("pi_kept_for_the_tax_office", "billing stays under its legal retention");
    }

    [Fact]
    public async Task Erasing_again_changes_nothing_and_the_address_can_register_as_a_new_subject()
    {
        var person = await EndUserClient.RegisterAsync(factory);
        var erasure = factory.Services.GetRequiredService<SubjectErasure>();

        await erasure.EraseAsync(person.SubjectId, null, EventMetadata.System, default);
        await erasure.EraseAsync(person.SubjectId, null, EventMetadata.System, default);

        var returning = await EndUserClient.RegisterAsync(factory, email: person.Email);
        returning.SubjectId.Should().NotBe(person.SubjectId);
    }

    [Fact]
    public async Task A_restricted_person_cannot_start_a_generation_until_the_restriction_is_lifted()
    {
        var person = await EndUserClient.RegisterAsync(factory);
        (await person.Http.PostAsJsonAsync("/v1/credits/purchases", new { credits = 3, paymentReference = "pi_r" })).EnsureSuccessStatusCode();
        var handler = factory.Services.GetRequiredService<CommandHandler>();
        var processing = Deciders.Processing(person.SubjectId);
        await handler.HandleAsync(processing, SubjectStreams.Processing(person.SubjectId), person.SubjectId, new Domain.Processing.RestrictProcessing(null, NodaTime.SystemClock.Instance.GetCurrentInstant()), EventMetadata.System, default);

        using var refused = await person.Http.PostAsJsonAsync("/v1/generations", new { prompt = "p", width = 64, height = 64 });

        await EndUserClient.ShouldBeProblemAsync(refused, HttpStatusCode.Forbidden, "processing-restricted");
        (await person.GetJsonAsync("/v1/credits")).GetProperty("reserved").GetInt32().Should().Be(0);
        await handler.HandleAsync(processing, SubjectStreams.Processing(person.SubjectId), person.SubjectId, new Domain.Processing.LiftRestriction("accuracy confirmed", NodaTime.SystemClock.Instance.GetCurrentInstant()), EventMetadata.System, default);
        (await person.Http.PostAsJsonAsync("/v1/generations", new { prompt = "p", width = 64, height = 64 })).StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    private async Task<List<string>> TablesWithSubjectIdAsync()
    {
        await using var command = factory.Database.DataSource.CreateCommand(
            "SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name) " +
            "WHERE c.table_schema = 'gempix' AND c.column_name = 'subject_id' AND t.table_type = 'BASE TABLE' AND c.table_name NOT LIKE 'api_access_log_p%'");
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private async Task<long> CountAsync(string sql, Guid subjectId)
    {
        await using var connection = await factory.Database.AppDataSource.OpenConnectionAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(subjectId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
