using System.IO.Compression;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GemPix.Api.Tests.EndUsers;
using GemPix.Imaging;
using GemPix.Projections.Exports;
using GemPix.Protection.Shredding;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GemPix.Api.Tests.Exports;

/// <summary>The export of one person's data, opened as they would open it, against the database it came from.</summary>
public sealed class SubjectExportTests(ExportedSubject subject) : IClassFixture<ExportedSubject>
{
    [Fact]
    public void The_manifest_lists_every_other_file_with_its_sha256_and_size()
    {
        var manifest = subject.Json(ExportManifest.Path);
        manifest.GetProperty("requestId").GetGuid().Should().Be(subject.RequestId);
        manifest.GetProperty("subjectId").GetGuid().Should().Be(subject.Person.SubjectId);
        manifest.GetProperty("generatedAt").GetString().Should().EndWith("Z");

        var files = manifest.GetProperty("files").EnumerateArray().ToList();
        files.Select(f => f.GetProperty("path").GetString()).Should().BeEquivalentTo(subject.Entries.Keys.Where(k => k != ExportManifest.Path));
        foreach (var file in files)
        {
            var bytes = subject.Entries[file.GetProperty("path").GetString()!];
            file.GetProperty("sha256").GetString().Should().Be(Convert.ToHexStringLower(SHA256.HashData(bytes)));
            file.GetProperty("bytes").GetInt64().Should().Be(bytes.Length);
        }

        subject.Entries.Keys.Should().Contain(["index.html", "data/profile.json", "data/consents.json", "data/uploads.json", "data/generations.json",
            "data/credits-and-billing.json", "data/access-log.json", "data/keys.json", "schema/profile.schema.json", "schema/manifest.schema.json"]);
    }

    [Fact]
    public async Task Events_represented_is_the_subjects_row_count_and_every_event_is_in_exactly_one_category_file()
    {
        var stored = await SubjectEventIdsAsync(subject.Person.SubjectId);
        var exported = subject.Entries.Keys.Where(k => k.StartsWith("data/", StringComparison.Ordinal))
            .SelectMany(path => subject.Json(path).GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()))
            .ToList();

        subject.Json(ExportManifest.Path).GetProperty("eventsRepresented").GetInt64().Should().Be(stored.Count);
        subject.Manifest.EventsRepresented.Should().Be(stored.Count);
        exported.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(stored);
    }

    [Fact]
    public void Each_event_is_filed_under_its_domain_area_with_time_stream_and_actor()
    {
        Types("profile").Should().Contain(["account-registered", "display-name-corrected", "session-started"]);
        Types("consents").Should().OnlyContain(t => t.StartsWith("consent-", StringComparison.Ordinal));
        Types("uploads").Should().Contain(["upload-received", "upload-deleted"]);
        Types("generations").Should().Contain(["generation-requested", "generation-started", "generation-succeeded"]);
        Types("credits-and-billing").Should().Contain(["credits-purchased", "credits-reserved", "reserved-credits-consumed"]);
        Types("keys").Should().Contain(["key-created", "asset-shredded"]);

        var read = subject.Json("data/access-log.json").GetProperty("events").EnumerateArray().Single();
        read.GetProperty("type").GetString().Should().Be("subject-data-accessed");
        read.GetProperty("actor").GetProperty("kind").GetString().Should().Be("regulator");
        read.GetProperty("data").GetProperty("purpose").GetString().Should().Contain("DPA-2026-17");
        read.GetProperty("recordedAt").GetString().Should().EndWith("Z");
        read.GetProperty("streamVersion").GetInt64().Should().Be(1);

        var counts = subject.Json(ExportManifest.Path).GetProperty("counts");
        counts.GetProperty("access-log").GetInt32().Should().Be(1);
        counts.GetProperty("profile").GetInt32().Should().Be(Types("profile").Count);
    }

    [Fact]
    public void Summaries_show_how_things_stand_now()
    {
        var profile = subject.Json("data/profile.json").GetProperty("summary");
        profile.GetProperty("email").GetString().Should().Be(subject.Person.Email);
        profile.GetProperty("displayName").GetString().Should().Be(ExportedSubject.DisplayName);
        profile.GetProperty("birthDate").GetString().Should().Be("1990-12-10");

        var consents = subject.Json("data/consents.json").GetProperty("summary").GetProperty("purposes").EnumerateArray()
            .ToDictionary(c => c.GetProperty("purpose").GetString()!, c => c.GetProperty("granted").GetBoolean());
        consents.Should().BeEquivalentTo(new Dictionary<string, bool> { ["marketing"] = false, ["model-training"] = true });

        var credits = subject.Json("data/credits-and-billing.json").GetProperty("summary");
        credits.GetProperty("balance").GetInt32().Should().Be(9);
        credits.GetProperty("purchases")[0].GetProperty("paymentReference").GetString().Should().Be(ExportedSubject.PaymentReference);

        var generation = subject.Json("data/generations.json").GetProperty("summary").GetProperty("generations").EnumerateArray().Single();
        generation.GetProperty("prompt").GetString().Should().Be(ExportedSubject.Prompt);
        generation.GetProperty("status").GetString().Should().Be("succeeded");
        generation.GetProperty("imagePath").GetString().Should().Be($"images/generations/{subject.GenerationId}.png");
    }

    [Fact]
    public void The_persons_own_data_is_in_plaintext_and_the_other_persons_never()
    {
        var text = string.Join("\n", subject.Entries.Where(e => !e.Key.StartsWith("images/", StringComparison.Ordinal)).Select(e => Encoding.UTF8.GetString(e.Value)));

        text.Should().Contain(subject.Person.Email).And.Contain(ExportedSubject.Prompt).And.Contain(ExportedSubject.PaymentReference);
        text.Should().NotContain("\"$enc\"").And.NotContain("$personal");
        text.Should().NotContain(subject.Other.Email).And.NotContain(ExportedSubject.OtherPrompt).And.NotContain(subject.Other.SubjectId.ToString());
        text.Should().NotContain("pi_export_other");
    }

    [Fact]
    public void Images_are_included_and_a_deleted_upload_is_counted_as_erased_not_included()
    {
        var generated = subject.Entries[$"images/generations/{subject.GenerationId}.png"];
        new PngDecoder().Decode(generated).Width.Should().Be(96);
        ProvenanceManifest.TryRead(generated, out var provenance).Should().BeTrue();
        provenance!.GenerationId.Should().Be(subject.GenerationId);
        subject.Entries[$"images/uploads/{subject.KeptUploadId}.png"].Should().Equal(subject.KeptPng);
        new PngDecoder().Decode(subject.Entries[$"images/uploads/{subject.KeptUploadId}.png"]).Width.Should().Be(40);
        subject.Entries[$"images/uploads/{subject.JpegUploadId}.jpg"].Should().Equal(subject.KeptJpeg);
        subject.Entries.Keys.Should().NotContain(k => k.Contains(subject.DeletedUploadId.ToString(), StringComparison.Ordinal));

        var counts = subject.Json(ExportManifest.Path).GetProperty("counts");
        counts.GetProperty("images").GetInt32().Should().Be(3);
        counts.GetProperty("erasedImages").GetInt32().Should().Be(1);

        var uploads = subject.Json("data/uploads.json");
        var deleted = uploads.GetProperty("summary").GetProperty("uploads").EnumerateArray()
            .Single(u => u.GetProperty("uploadId").GetGuid() == subject.DeletedUploadId);
        deleted.GetProperty("image").GetString().Should().Be("erased");
        deleted.GetProperty("deletionReason").GetString().Should().Be("owner");
        deleted.GetProperty("sha256").GetProperty("erased").GetBoolean().Should().BeTrue();
        deleted.TryGetProperty("imagePath", out _).Should().BeFalse();
        var received = uploads.GetProperty("events").EnumerateArray()
            .Single(e => e.GetProperty("type").GetString() == "upload-received" && e.GetProperty("data").GetProperty("uploadId").GetGuid() == subject.DeletedUploadId);
        received.GetProperty("data").GetProperty("sha256").GetProperty("scope").GetString().Should().Be("personal");
    }

    [Fact]
    public void Every_json_file_matches_its_schema()
    {
        var checkedFiles = 0;
        foreach (var path in subject.Entries.Keys.Where(k => k.StartsWith("data/", StringComparison.Ordinal) || k == ExportManifest.Path))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var schema = subject.Json($"schema/{name}.schema.json");
            schema.GetProperty("$schema").GetString().Should().Be("https://json-schema.org/draft/2020-12/schema");
            LooseSchema.Violations(schema, subject.Json(path)).Should().BeEmpty(path);
            checkedFiles++;
        }

        var categoryFiles = subject.Entries.Keys.Count(k => k.StartsWith("data/", StringComparison.Ordinal));
        categoryFiles.Should().BeGreaterThanOrEqualTo(7, "seven categories at least hold events of this person");
        checkedFiles.Should().Be(categoryFiles + 1, "every category file and the manifest were checked");
        var profileSchema = subject.Json("schema/profile.schema.json");
        var withoutEvents = JsonDocument.Parse(Encoding.UTF8.GetString(subject.Entries["data/profile.json"]).Replace("\"events\"", "\"renamed\"", StringComparison.Ordinal));
        LooseSchema.Violations(profileSchema, withoutEvents.RootElement).Should().Contain(v => v.Contains("lacks events", StringComparison.Ordinal));
    }

    [Fact]
    public void The_index_page_states_article_15_and_escapes_what_came_from_data()
    {
        var html = Encoding.UTF8.GetString(subject.Entries["index.html"]);

        html.Should().Contain(subject.Person.SubjectId.ToString()).And.Contain("GDPR Art. 15(1)");
        html.Should().Contain("Purposes and legal bases").And.Contain("Recipients").And.Contain("Retention").And.Contain("Source")
            .And.Contain("Automated processing").And.Contain("Art. 22");
        html.Should().Contain("href=\"data/profile.json\"").And.Contain("href=\"schema/profile.schema.json\"");
        html.Should().Contain("&lt;script&gt;").And.NotContain("<script");
        html.Should().NotContain("Ada Lovelace", "the profile as it stands is the corrected one");
    }

    [Fact]
    public async Task An_erased_persons_export_shows_erased_markers_and_no_ciphertext()
    {
        var person = await EndUserClient.RegisterAsync(subject.Factory);
        using (var uploaded = await person.Http.PostAsync(new Uri("/v1/uploads?keep=true", UriKind.Relative), TestImages.Form(TestImages.Png(16, 16))))
        {
            uploaded.EnsureSuccessStatusCode();
        }

        (await person.Http.PostAsJsonAsync("/v1/credits/purchases", new { credits = 3, paymentReference = "pi_kept_by_law" })).EnsureSuccessStatusCode();
        await subject.Factory.Services.GetRequiredService<SubjectShredder>().ShredSubjectAsync(person.SubjectId, Guid.NewGuid(), CancellationToken.None);

        using var zipped = new MemoryStream();
        var manifest = await subject.Factory.Services.GetRequiredService<SubjectExport>()
            .WriteAsync(Guid.NewGuid(), person.SubjectId, ProcessingStatement.Default, zipped, CancellationToken.None);
        zipped.Position = 0;
        using var zip = new ZipArchive(zipped, ZipArchiveMode.Read);
        using var profileReader = new StreamReader(zip.GetEntry("data/profile.json")!.Open());
        var profileJson = await profileReader.ReadToEndAsync();
        using var creditsReader = new StreamReader(zip.GetEntry("data/credits-and-billing.json")!.Open());
        var creditsJson = await creditsReader.ReadToEndAsync();

        var profile = JsonDocument.Parse(profileJson).RootElement.GetProperty("summary");
        profile.GetProperty("email").GetProperty("erased").GetBoolean().Should().BeTrue();
        profile.GetProperty("displayName").GetProperty("scope").GetString().Should().Be("personal");
        profileJson.Should().NotContain(person.Email).And.NotContain("$enc");
        creditsJson.Should().Contain("pi_kept_by_law", "billing records outlive an erasure under their legal retention");
        manifest.Counts["erasedImages"].Should().Be(1);
        manifest.Counts["images"].Should().Be(0);
        zip.Entries.Should().NotContain(e => e.FullName.StartsWith("images/", StringComparison.Ordinal));
        manifest.EventsRepresented.Should().Be((await SubjectEventIdsAsync(person.SubjectId)).Count);
    }

    private List<string> Types(string category) =>
        [.. subject.Json($"data/{category}.json").GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()!)];

    private async Task<List<Guid>> SubjectEventIdsAsync(Guid subjectId)
    {
        await using var command = subject.Factory.Database.AppDataSource.CreateCommand("SELECT id FROM gempix.events WHERE subject_id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = subjectId });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }
}
