using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using GemPix.Api.Authentication;
using GemPix.Api.Tests.EndUsers;
using GemPix.Domain.Audit;
using GemPix.EventStore;
using GemPix.EventStore.Tests.Ledger;
using GemPix.Projections.Handling;
using Microsoft.Extensions.DependencyInjection;

namespace GemPix.Api.Tests.Audit;

public sealed class RegulatorApiTests(GemPixApiFactory factory) : IClassFixture<GemPixApiFactory>
{
    [Fact]
    public async Task Another_regulator_s_request_and_its_export_are_not_found()
    {
        var person = await EndUserClient.RegisterAsync(factory);
        using var filer = await factory.ClientWithKeyAsync(ApiKeyRoles.Regulator);
        using var other = await factory.ClientWithKeyAsync(ApiKeyRoles.Regulator);
        using var filed = await filer.PostAsJsonAsync("/v1/regulator/requests", new { subjectId = person.SubjectId, reference = "AP-1", legalBasis = "GDPR Art. 58(1)(e)" });
        var exportUrl = new Uri((await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("exportUrl").GetString()!, UriKind.Relative);

        using var theirs = await other.GetAsync(exportUrl);

        await EndUserClient.ShouldBeProblemAsync(theirs, HttpStatusCode.NotFound, "regulator-request-not-found");
        (await filer.GetAsync(exportUrl)).StatusCode.Should().Be(HttpStatusCode.OK);
        var log = await factory.Services.GetRequiredService<PostgresEventStore>().ReadStreamAsync(SubjectStreams.AccessLog(person.SubjectId)).Select(e => e.Data).ToListAsync();
        log.OfType<SubjectDataAccessed>().Should().ContainSingle("the refused download is no access");
    }

    [Theory]
    [InlineData("reference", "CNIL\\u0000-1")]
    [InlineData("legalBasis", "Art.\\u0000 58")]
    public async Task A_NUL_character_in_a_field_is_a_problem_that_names_the_field(string field, string value)
    {
        var person = await EndUserClient.RegisterAsync(factory);
        using var regulator = await factory.ClientWithKeyAsync(ApiKeyRoles.Regulator);
        var body = field == "reference"
            ? $$"""{"subjectId":"{{person.SubjectId}}","reference":"{{value}}","legalBasis":"GDPR"}"""
            : $$"""{"subjectId":"{{person.SubjectId}}","reference":"R-1","legalBasis":"{{value}}"}""";

        using var response = await regulator.PostAsync("/v1/regulator/requests", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await EndUserClient.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, "bad-request");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Fact]
    public async Task A_regulator_s_export_proves_every_sealed_event_of_the_subject_against_the_signed_head_and_the_subject_sees_the_access()
    {
        var person = await EndUserClient.RegisterAsync(factory);
        (await person.Http.PutAsJsonAsync("/v1/me/consents/analytics", new { granted = true, policyVersion = 1 })).EnsureSuccessStatusCode();
        await factory.SealAllAsync();
        using var regulator = await factory.ClientWithKeyAsync(ApiKeyRoles.Regulator);

        using var filed = await regulator.PostAsJsonAsync("/v1/regulator/requests", new { email = person.Email, reference = "CNIL-2026-0042", legalBasis = "GDPR Art. 58(1)(a)" });
        filed.StatusCode.Should().Be(HttpStatusCode.Accepted, await filed.Content.ReadAsStringAsync());
        var answer = await filed.Content.ReadFromJsonAsync<JsonElement>();
        answer.GetProperty("subjectId").GetGuid().Should().Be(person.SubjectId);
        var zipBytes = await regulator.GetByteArrayAsync(new Uri(answer.GetProperty("exportUrl").GetString()!, UriKind.Relative));

        using var zip = new ZipArchive(new MemoryStream(zipBytes));
        var files = zip.Entries.ToDictionary(e => e.FullName, e => { using var s = e.Open(); using var m = new MemoryStream(); s.CopyTo(m); return m.ToArray(); });
        files.Keys.Should().Contain(["events.json", "proofs.json", "tree-head.json", "jwks.json", "consents.json", "README.md", "manifest.json"]);
        using var manifest = JsonDocument.Parse(files["manifest.json"]);
        foreach (var file in manifest.RootElement.GetProperty("files").EnumerateArray())
        {
            Convert.ToHexStringLower(SHA256.HashData(files[file.GetProperty("path").GetString()!])).Should().Be(file.GetProperty("sha256").GetString());
        }

        using var head = JsonDocument.Parse(files["tree-head.json"]);
        var root = Convert.FromHexString(head.RootElement.GetProperty("rootHash").GetString()!);
        var treeSize = head.RootElement.GetProperty("treeSize").GetInt64();
        using var events = JsonDocument.Parse(files["events.json"]);
        var leafInputs = events.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("seq").GetInt64(), e => Convert.FromBase64String(e.GetProperty("leafInput").GetString()!));
        using var proofs = JsonDocument.Parse(files["proofs.json"]);
        proofs.RootElement.GetArrayLength().Should().BeGreaterThan(0);
        foreach (var proof in proofs.RootElement.EnumerateArray())
        {
            var path = proof.GetProperty("auditPath").EnumerateArray().Select(h => Convert.FromHexString(h.GetString()!)).ToList();
            Rfc9162Verifier.VerifyInclusion(
                proof.GetProperty("leafIndex").GetInt64(), treeSize, SHA256.HashData([0x00, .. leafInputs[proof.GetProperty("seq").GetInt64()]]), path, root).Should().BeTrue();
        }

        System.Text.Encoding.UTF8.GetString(files["events.json"]).Should().NotContain(person.Email, "personal values stay ciphertext, as hashed");
        JsonDocument.Parse(files["consents.json"]).RootElement.GetArrayLength().Should().Be(1);
        var log = await factory.Services.GetRequiredService<PostgresEventStore>().ReadStreamAsync(SubjectStreams.AccessLog(person.SubjectId)).Select(e => e.Data).ToListAsync();
        log.OfType<SubjectDataAccessed>().Should().ContainSingle(a => a.AccessorKind == "regulator" && a.Purpose.Contains("CNIL-2026-0042"));
    }

    [Theory]
    [InlineData("{\"reference\":\"r\",\"legalBasis\":\"b\"}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"subjectId\":\"00000000-0000-0000-0000-000000000009\",\"reference\":\"r\",\"legalBasis\":\"b\"}", HttpStatusCode.NotFound)]
    [InlineData("{\"email\":\"nobody@example.org\",\"reference\":\"\",\"legalBasis\":\"b\"}", HttpStatusCode.UnprocessableEntity)]
    public async Task Bad_regulator_requests_are_refused(string body, HttpStatusCode status)
    {
        using var regulator = await factory.ClientWithKeyAsync(ApiKeyRoles.Regulator);

        using var response = await regulator.PostAsync(new Uri("/v1/regulator/requests", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(status);
    }

    [Fact]
    public async Task Only_regulators_file_requests()
    {
        using var auditor = await factory.ClientWithKeyAsync(ApiKeyRoles.Auditor);

        (await auditor.PostAsJsonAsync("/v1/regulator/requests", new { email = "a@b.org", reference = "r", legalBasis = "b" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
