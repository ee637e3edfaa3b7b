using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GemPix.Projections.PrivacyRequests;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static GemPix.Api.Tests.EndUsers.EndUserClient;

namespace GemPix.Api.Tests.EndUsers;

public sealed class PrivacyRequestsApiTests(GemPixApiFactory factory) : IClassFixture<GemPixApiFactory>
{
    private static async Task<JsonElement> SubmitAsync(EndUserClient person, object body)
    {
        using var response = await person.Http.PostAsJsonAsync("/v1/privacy-requests", body);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task An_erasure_request_is_answered_at_once_with_the_certificate_and_ends_the_session()
    {
        var person = await RegisterAsync(factory);

        var answer = await SubmitAsync(person, new { type = "erasure" });

        answer.GetProperty("status").GetString().Should().Be("completed");
        var certificateUrl = answer.GetProperty("certificateUrl").GetString()!;
        using var anonymous = factory.CreateClient();
        using var certificate = await anonymous.GetAsync(new Uri(certificateUrl, UriKind.Relative));
        certificate.StatusCode.Should().Be(HttpStatusCode.OK);
        (await certificate.Content.ReadAsStringAsync()).Split('.').Should().HaveCount(3);
        (await person.Http.GetAsync(new Uri("/v1/me", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_erasure_closes_the_subject_s_other_open_requests_and_leaves_them_without_a_subject()
    {
        var person = await RegisterAsync(factory);
        var access = (await SubmitAsync(person, new { type = "access" })).GetProperty("requestId").GetGuid();

        await SubmitAsync(person, new { type = "erasure" });

        var row = await factory.Services.GetRequiredService<PrivacyRequestRecords>().FindAsync(access, null, default);
        row!.Status.Should().Be("denied");
        row.DeniedReason.Should().Be(PrivacyRequestWorkflow.SupersededByErasure);
        row.SubjectId.Should().BeNull();
    }

    [Fact]
    public async Task A_gdpr_request_is_due_one_calendar_month_after_receipt_and_a_ccpa_one_after_45_days_with_an_acknowledgement_date()
    {
        var person = await RegisterAsync(factory);
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;

        var gdpr = await SubmitAsync(person, new { type = "restriction" });
        var ccpa = await SubmitAsync(person, new { type = "objection", jurisdiction = "CCPA" });

        gdpr.GetProperty("jurisdiction").GetString().Should().Be("GDPR");
        gdpr.GetProperty("dueOn").GetString().Should().Be(NodaTime.Text.LocalDatePattern.Iso.Format(today.PlusMonths(1)));
        ccpa.GetProperty("dueOn").GetString().Should().Be(NodaTime.Text.LocalDatePattern.Iso.Format(today.PlusDays(45)));
        ccpa.GetProperty("acknowledgeBy").GetString().Should().NotBeNullOrEmpty();
        gdpr.GetProperty("dueAt").GetString().Should().EndWith("T00:00:00Z");
    }

    [Fact]
    public async Task A_restriction_request_stops_new_generations()
    {
        var person = await RegisterAsync(factory);
        (await person.Http.PostAsJsonAsync("/v1/credits/purchases", new { credits = 3, paymentReference = "pi_x" })).EnsureSuccessStatusCode();

        (await SubmitAsync(person, new { type = "restriction" })).GetProperty("status").GetString().Should().Be("completed");

        await ShouldBeProblemAsync(await person.Http.PostAsJsonAsync("/v1/generations", new { prompt = "p", width = 64, height = 64 }), HttpStatusCode.Forbidden, "processing-restricted");
        using var admin = await Audit.AuditFixture.ClientWithKeyAsync(factory, "admin");
        (await admin.PostAsJsonAsync($"/v1/admin/subjects/{person.SubjectId}/restriction/lift", new { reason = "accuracy confirmed" })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await person.Http.PostAsJsonAsync("/v1/generations", new { prompt = "p", width = 64, height = 64 })).StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task An_objection_stops_marketing_and_model_training_at_once()
    {
        var person = await RegisterAsync(factory);
        foreach (var purpose in new[] { "marketing", "model-training" })
        {
            (await person.Http.PutAsJsonAsync($"/v1/me/consents/{purpose}", new { granted = true, policyVersion = 1 })).EnsureSuccessStatusCode();
        }

        await SubmitAsync(person, new { type = "objection" });

        var consents = (await person.GetJsonAsync("/v1/me/consents")).EnumerateArray().ToDictionary(c => c.GetProperty("purpose").GetString()!);
        consents["marketing"].GetProperty("granted").GetBoolean().Should().BeFalse();
        consents["marketing"].GetProperty("source").GetString().Should().Be("objection");
        consents["model-training"].GetProperty("granted").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task A_rectification_to_another_account_s_email_is_a_clean_refusal_that_records_nothing()
    {
        var first = await RegisterAsync(factory);
        var second = await RegisterAsync(factory);
        var store = factory.Services.GetRequiredService<GemPix.EventStore.PostgresEventStore>();
        var before = await store.ReadStreamAsync(second.SubjectId).CountAsync();

        using var refused = await second.Http.PostAsJsonAsync("/v1/privacy-requests", new { type = "rectification", email = first.Email.ToUpperInvariant() });

        await ShouldBeProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "email-not-accepted");
        (await second.GetJsonAsync("/v1/privacy-requests")).GetArrayLength().Should().Be(0, "no request was recorded, so none is left in progress");
        (await store.ReadStreamAsync(second.SubjectId).CountAsync()).Should().Be(before);
        (await second.GetJsonAsync("/v1/me")).GetProperty("email").GetString().Should().Be(second.Email);
    }

    [Fact]
    public async Task A_rectification_request_records_the_corrected_values_and_a_bad_one_records_nothing()
    {
        var person = await RegisterAsync(factory);

        await ShouldBeProblemAsync(await person.Http.PostAsJsonAsync("/v1/privacy-requests", new { type = "rectification", email = "not an email" }), HttpStatusCode.UnprocessableEntity, "invalid-email");
        await ShouldBeProblemAsync(await person.Http.PostAsJsonAsync("/v1/privacy-requests", new { type = "rectification" }), HttpStatusCode.UnprocessableEntity, "invalid-request-details");
        (await person.GetJsonAsync("/v1/privacy-requests")).GetArrayLength().Should().Be(0);

        var answer = await SubmitAsync(person, new { type = "rectification", displayName = "Ada King" });

        answer.GetProperty("status").GetString().Should().Be("completed");
        (await person.GetJsonAsync("/v1/me")).GetProperty("displayName").GetString().Should().Be("Ada King");
    }

    [Theory]
    [InlineData("{\"type\":\"forget-me\"}", "unknown-request-type")]
    [InlineData("{\"type\":\"access\",\"jurisdiction\":\"LGPD\"}", "unknown-jurisdiction")]
    [InlineData("{}", "unknown-request-type")]
    public async Task Unknown_types_and_jurisdictions_are_refused(string body, string code)
    {
        var person = await RegisterAsync(factory);

        using var response = await person.Http.PostAsync(new Uri("/v1/privacy-requests", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await ShouldBeProblemAsync(response, HttpStatusCode.UnprocessableEntity, code);
    }

    [Fact]
    public async Task Another_person_s_request_does_not_exist_for_them()
    {
        var owner = await RegisterAsync(factory);
        var stranger = await RegisterAsync(factory);
        var id = (await SubmitAsync(owner, new { type = "access" })).GetProperty("requestId").GetGuid();

        await ShouldBeProblemAsync(await stranger.Http.GetAsync(new Uri($"/v1/privacy-requests/{id}", UriKind.Relative)), HttpStatusCode.NotFound, "privacy-request-not-found");
        await ShouldBeProblemAsync(await stranger.Http.GetAsync(new Uri($"/v1/privacy-requests/{id}/export", UriKind.Relative)), HttpStatusCode.NotFound, "privacy-request-not-found");
        (await owner.GetJsonAsync($"/v1/privacy-requests/{id}")).GetProperty("type").GetString().Should().Be("access");
    }

    [Fact]
    public async Task Staff_list_open_requests_with_days_left_as_json_and_csv_extend_once_with_a_reason_and_see_yearly_figures()
    {
        var person = await RegisterAsync(factory);
        var id = (await SubmitAsync(person, new { type = "access" })).GetProperty("requestId").GetGuid();
        var dueOn = (await person.GetJsonAsync($"/v1/privacy-requests/{id}")).GetProperty("dueOn").GetString()!;
        using var admin = await Audit.AuditFixture.ClientWithKeyAsync(factory, "admin");

        var open = await admin.GetFromJsonAsync<JsonElement>("/v1/admin/privacy-requests");
        var listed = open.EnumerateArray().Single(r => r.GetProperty("requestId").GetGuid() == id);
        listed.GetProperty("daysLeft").GetInt32().Should().BeInRange(27, 31);
        var csv = await admin.GetStringAsync(new Uri("/v1/admin/privacy-requests?format=csv", UriKind.Relative));
        csv.Split("\r\n")[0].Should().StartWith("requestId,subjectId,type");
        csv.Should().Contain(id.ToString());

        var later = NodaTime.Text.LocalDatePattern.Iso.Format(NodaTime.Text.LocalDatePattern.Iso.Parse(dueOn).Value.PlusMonths(1));
        var evenLater = NodaTime.Text.LocalDatePattern.Iso.Format(NodaTime.Text.LocalDatePattern.Iso.Parse(dueOn).Value.PlusMonths(1).PlusDays(1));
        await ShouldBeProblemAsync(await admin.PostAsJsonAsync($"/v1/admin/privacy-requests/{id}/extend", new { reason = "", newDueOn = later }), HttpStatusCode.UnprocessableEntity, "reason-required");
        using var extended = await admin.PostAsJsonAsync($"/v1/admin/privacy-requests/{id}/extend", new { reason = "complex request: many images", newDueOn = later });
        extended.StatusCode.Should().Be(HttpStatusCode.OK, await extended.Content.ReadAsStringAsync());
        (await person.GetJsonAsync($"/v1/privacy-requests/{id}")).GetProperty("extended").GetBoolean().Should().BeTrue();
        await ShouldBeProblemAsync(
            await admin.PostAsJsonAsync($"/v1/admin/privacy-requests/{id}/extend", new { reason = "again", newDueOn = evenLater }), HttpStatusCode.UnprocessableEntity, "already-extended");

        var figures = await admin.GetFromJsonAsync<JsonElement>("/v1/admin/privacy-requests/figures");
        figures.EnumerateArray().Should().Contain(f => f.GetProperty("type").GetString() == "access" && f.GetProperty("received").GetInt32() >= 1);
        (await person.Http.GetAsync(new Uri("/v1/admin/privacy-requests", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_deadline_monitor_flags_what_is_due_soon()
    {
        var person = await RegisterAsync(factory);
        var id = (await SubmitAsync(person, new { type = "access", jurisdiction = "CCPA" })).GetProperty("requestId").GetGuid();
        var clock = FakeClockAt(SystemClock.Instance.GetCurrentInstant() + Duration.FromDays(40));

        var flags = await new DeadlineMonitor(factory.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(), clock).RunOnceAsync(default);

        flags.DueSoon.Should().BeGreaterThanOrEqualTo(1);
        var row = await factory.Services.GetRequiredService<PrivacyRequestRecords>().FindAsync(id, null, default);
        row!.Flag.Should().Be("due-soon");
        await new DeadlineMonitor(factory.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(), FakeClockAt(row.DueAt)).RunOnceAsync(default);
        (await factory.Services.GetRequiredService<PrivacyRequestRecords>().FindAsync(id, null, default))!.Flag.Should().Be("overdue");
    }

    private static Testing.FakeClock FakeClockAt(Instant instant) => new(instant);
}

public sealed class AccessRequestTests(GemPixApiFactory factory) : IClassFixture<GemPixApiFactory>
{
    [Fact]
    public async Task An_access_request_is_answered_by_the_export_worker_with_a_zip_whose_manifest_matches_its_files()
    {
        var person = await EndUserClient.RegisterAsync(factory);
        (await person.Http.PutAsJsonAsync("/v1/me/consents/analytics", new { granted = true, policyVersion = 1 })).EnsureSuccessStatusCode();
        using var submitted = await person.Http.PostAsJsonAsync("/v1/privacy-requests", new { type = "portability" });
        var request = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        request.GetProperty("status").GetString().Should().Be("in_progress");
        var id = request.GetProperty("requestId").GetGuid();
        await EndUserClient.ShouldBeProblemAsync(await person.Http.GetAsync(new Uri($"/v1/privacy-requests/{id}/export", UriKind.Relative)), HttpStatusCode.Conflict, "export-not-ready");

        await using (JobWorkerRun.Exports(factory))
        {
            await Testing.Eventually.HoldsAsync(
                async () => (await person.GetJsonAsync($"/v1/privacy-requests/{id}")).GetProperty("status").GetString() == "completed", "the export is ready");
        }

        var answered = await person.GetJsonAsync($"/v1/privacy-requests/{id}");
        var zip = await person.Http.GetByteArrayAsync(new Uri(answered.GetProperty("exportUrl").GetString()!, UriKind.Relative));
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip));
        var entries = archive.Entries.ToDictionary(e => e.FullName, e => { using var s = e.Open(); using var m = new MemoryStream(); s.CopyTo(m); return m.ToArray(); });
        entries.Keys.Should().Contain(["manifest.json", "index.html", "data/profile.json", "data/consents.json"]);
        using var manifest = JsonDocument.Parse(entries["manifest.json"]);
        manifest.RootElement.GetProperty("requestId").GetGuid().Should().Be(id);
        foreach (var file in manifest.RootElement.GetProperty("files").EnumerateArray())
        {
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(entries[file.GetProperty("path").GetString()!])).Should().Be(file.GetProperty("sha256").GetString());
        }

        System.Text.Encoding.UTF8.GetString(entries["data/profile.json"]).Should().Contain(person.Email, "it is the person's own copy");
    }
}
