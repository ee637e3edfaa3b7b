using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GemPix.Api.Authentication;
using GemPix.Api.Tests.Hosting;
using GemPix.EventStore.Tests.Ledger;
using GemPix.Protection.Shredding;
using Microsoft.Extensions.DependencyInjection;

namespace GemPix.Api.Tests.Audit;

/// <summary>What an auditor checks with their own tools: SHA-256, an RFC 9162 verifier and plain ECDsa.</summary>
public sealed class AuditApiTests(GemPixApiFactory factory) : IClassFixture<GemPixApiFactory>
{
    [Fact]
    public async Task Every_event_served_hashes_to_a_leaf_whose_inclusion_proof_leads_to_the_signed_head()
    {
        using var client = await factory.ClientWithKeyAsync(ApiKeyRoles.Auditor);
        await factory.AppendNotesAsync(Guid.NewGuid(), 5);
        await factory.AppendNotesAsync(Guid.NewGuid(), 8);
        await factory.SealAllAsync();

        var head = await GetJsonAsync(client, "/v1/audit/ledger/head");
        var treeSize = (long)head["treeSize"]!;
        var rootHash = Convert.FromHexString((string)head["rootHash"]!);
        var signed = await VerifyWithPlainEcdsaAsync(client, (string)head["jws"]!);
        ((long)signed["treeSize"]!).Should().Be(treeSize);
        ((string)signed["rootHash"]!).Should().Be((string)head["rootHash"]!);
        ((string)signed["issuedAt"]!).Should().Be((string)head["issuedAt"]!);

        var events = (await GetJsonAsync(client, $"/v1/audit/events?fromLeaf=0&limit={treeSize}"))["events"]!.AsArray();
        events.Should().HaveCount((int)treeSize);
        foreach (var e in events)
        {
            var leafIndex = (long)e!["leafIndex"]!;
            var leafInput = Convert.FromBase64String((string)e["leafInput"]!);
            var proof = await GetJsonAsync(client, $"/v1/audit/ledger/inclusion?seq={(long)e["seq"]!}&treeSize={treeSize}");
            ((long)proof["leafIndex"]!).Should().Be(leafIndex);
            ((long)proof["treeSize"]!).Should().Be(treeSize);
            var path = proof["auditPath"]!.AsArray().Select(h => Convert.FromHexString((string)h!)).ToList();

            Rfc9162Verifier.VerifyInclusion(leafIndex, treeSize, SHA256.HashData([0x00, .. leafInput]), path, rootHash).Should().BeTrue();
            if ((string)e["type"]! == "test.note-taken")
            {
                Encoding.UTF8.GetString(leafInput).Should().Contain((string)e["data"]!["text"]!["$enc"]!, "the data served is the data hashed");
            }
        }

        events.Select(e => (long)e!["leafIndex"]!).Should().Equal(Enumerable.Range(0, (int)treeSize).Select(i => (long)i));
    }

    [Fact]
    public async Task Personal_values_stay_ciphertext_in_events_and_never_appear_in_a_timeline()
    {
        using var client = await factory.ClientWithKeyAsync(ApiKeyRoles.Regulator);
        var subject = Guid.NewGuid();
        await factory.AppendNotesAsync(subject, 3);
        await factory.SealAllAsync();

        using var events = await client.GetAsync(new Uri("/v1/audit/events?limit=1000", UriKind.Relative));
        using var timeline = await client.GetAsync(new Uri($"/v1/audit/subjects/{subject}/timeline", UriKind.Relative));

        events.StatusCode.Should().Be(HttpStatusCode.OK);
        timeline.StatusCode.Should().Be(HttpStatusCode.OK);
        (await events.Content.ReadAsStringAsync()).Should().NotContain("secret note").And.Contain("$enc");
        var body = await timeline.Content.ReadAsStringAsync();
        body.Should().NotContain("secret note").And.NotContain("$enc");
        var entries = JsonNode.Parse(body)!["events"]!.AsArray();
        entries.Select(entry => (string)entry!["type"]!).Should().BeEquivalentTo(
            ["key-created", "test.note-taken", "test.note-taken", "test.note-taken", "subject-data-accessed"], "reading the ledger page was recorded for the subject");
        entries.Take(4).Should().AllSatisfy(entry =>
        {
            ((string)entry!["actor"]!["kind"]!).Should().Be("system");
            ((string)entry["recordedAt"]!).Should().EndWith("Z");
            entry["leafIndex"].Should().NotBeNull("the events are sealed");
        });
        ((string)entries[4]!["actor"]!["kind"]!).Should().Be("regulator", "the read is the regulator's");
    }

    [Fact]
    public async Task Two_heads_are_proved_consistent()
    {
        using var client = await factory.ClientWithKeyAsync(ApiKeyRoles.Auditor);
        await factory.AppendNotesAsync(Guid.NewGuid(), 3);
        var first = await factory.SealAllAsync();
        await factory.AppendNotesAsync(Guid.NewGuid(), 6);
        var second = await factory.SealAllAsync();

        var response = await GetJsonAsync(client, $"/v1/audit/ledger/consistency?first={first.TreeSize}&second={second.TreeSize}");

        ((long)response["first"]!).Should().Be(first.TreeSize);
        ((long)response["second"]!).Should().Be(second.TreeSize);
        var proof = response["proof"]!.AsArray().Select(h => Convert.FromHexString((string)h!)).ToList();
        Rfc9162Verifier.VerifyConsistency(first.TreeSize, second.TreeSize, first.RootHash, second.RootHash, proof).Should().BeTrue();
        Rfc9162Verifier.VerifyConsistency(first.TreeSize, second.TreeSize, second.RootHash, first.RootHash, proof).Should().BeFalse();
    }

    [Fact]
    public async Task A_deletion_certificate_cites_the_latest_signed_head()
    {
        var subject = Guid.NewGuid();
        await factory.AppendNotesAsync(subject, 2);
        var head = await factory.SealAllAsync();

        var issued = await factory.Services.GetRequiredService<SubjectShredder>().ShredSubjectAsync(subject, Guid.NewGuid(), default);

        issued.Certificate.Ledger.Should().Be(new LedgerCheckpoint(head.TreeSize, head.RootHashHex));
    }

    [Theory]
    [InlineData("/v1/audit/events?fromLeaf=-1")]
    [InlineData("/v1/audit/events?limit=0")]
    [InlineData("/v1/audit/events?limit=1001")]
    [InlineData("/v1/audit/events?limit=ten")]
    [InlineData("/v1/audit/events?fromLeaf=99999999999999999999")]
    [InlineData("/v1/audit/ledger/inclusion")]
    [InlineData("/v1/audit/ledger/inclusion?seq=0")]
    [InlineData("/v1/audit/ledger/inclusion?seq=x")]
    [InlineData("/v1/audit/ledger/inclusion?seq=1&treeSize=0")]
    [InlineData("/v1/audit/ledger/inclusion?seq=1&treeSize=-5")]
    [InlineData("/v1/audit/ledger/consistency")]
    [InlineData("/v1/audit/ledger/consistency?first=0&second=1")]
    [InlineData("/v1/audit/ledger/consistency?first=3&second=2")]
    [InlineData("/v1/audit/ledger/consistency?first=1&second=two")]
    [InlineData("/v1/audit/subjects/not-a-guid/timeline")]
    public async Task Bad_parameters_answer_a_400_problem(string route)
    {
        using var client = await factory.ClientWithKeyAsync(ApiKeyRoles.Auditor);

        using var response = await client.GetAsync(new Uri(route, UriKind.Relative));

        await ProblemDetailsTests.ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, "https://gempix.dev/problems/bad-request");
    }

    [Theory]
    [InlineData("/v1/audit/ledger/inclusion?seq=999999999")]
    [InlineData("/v1/audit/ledger/inclusion?seq=1&treeSize=999999999")]
    [InlineData("/v1/audit/ledger/consistency?first=1&second=999999999")]
    [InlineData("/v1/audit/subjects/00000000-0000-0000-0000-000000000001/timeline")]
    public async Task What_the_ledger_does_not_hold_answers_a_404_problem(string route)
    {
        using var client = await factory.ClientWithKeyAsync(ApiKeyRoles.Auditor);
        await factory.AppendNotesAsync(Guid.NewGuid(), 1);
        await factory.SealAllAsync();

        using var response = await client.GetAsync(new Uri(route, UriKind.Relative));

        await ProblemDetailsTests.ShouldBeProblemAsync(response, HttpStatusCode.NotFound, "https://gempix.dev/problems/not-found");
    }

    [Fact]
    public async Task An_event_sealed_after_a_tree_has_no_proof_in_it()
    {
        using var client = await factory.ClientWithKeyAsync(ApiKeyRoles.Auditor);
        await factory.AppendNotesAsync(Guid.NewGuid(), 1);
        var before = await factory.SealAllAsync();
        await factory.AppendNotesAsync(Guid.NewGuid(), 1);
        var after = await factory.SealAllAsync();
        var last = (await GetJsonAsync(client, $"/v1/audit/events?fromLeaf={after.TreeSize - 1}"))["events"]![0]!;

        using var response = await client.GetAsync(new Uri($"/v1/audit/ledger/inclusion?seq={(long)last["seq"]!}&treeSize={before.TreeSize}", UriKind.Relative));

        await ProblemDetailsTests.ShouldBeProblemAsync(response, HttpStatusCode.NotFound, "https://gempix.dev/problems/not-found");
    }

    private static async Task<JsonNode> GetJsonAsync(HttpClient client, string route)
    {
        using var response = await client.GetAsync(new Uri(route, UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    /// <summary>Checks a JWS against the published JWKS with nothing but <see cref="ECDsa"/>; returns its payload.</summary>
    private static async Task<JsonNode> VerifyWithPlainEcdsaAsync(HttpClient client, string jws)
    {
        var jwks = await GetJsonAsync(client, "/.well-known/jwks.json");
        var parts = jws.Split('.');
        var header = JsonNode.Parse(FromBase64Url(parts[0]))!;
        ((string)header["alg"]!).Should().Be("ES256");
        ((string)header["typ"]!).Should().Be("gempix-tree-head+jwt");
        var jwk = jwks["keys"]!.AsArray().Single(k => (string)k!["kid"]! == (string)header["kid"]!)!;
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = FromBase64Url((string)jwk["x"]!), Y = FromBase64Url((string)jwk["y"]!) },
        });
        key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), FromBase64Url(parts[2]), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            .Should().BeTrue("the head is signed by a published key");
        return JsonNode.Parse(FromBase64Url(parts[1]))!;
    }

    private static byte[] FromBase64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }
}
