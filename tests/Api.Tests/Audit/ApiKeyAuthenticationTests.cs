using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using GemPix.Api.Authentication;
using GemPix.Api.Tests.Hosting;
using GemPix.Protection.Signing;
using Microsoft.Extensions.DependencyInjection;

namespace GemPix.Api.Tests.Audit;

public sealed class ApiKeyAuthenticationTests(GemPixApiFactory factory) : IClassFixture<GemPixApiFactory>
{
    private static readonly Uri AuditEvents = new("/v1/audit/events", UriKind.Relative);

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer")]
    [InlineData("Bearer not-a-key")]
    [InlineData("Bearer gpk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task No_key_or_a_key_nobody_issued_answers_a_401_problem(string? authorization)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, AuditEvents);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request);

        await ProblemDetailsTests.ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized, "https://gempix.dev/problems/unauthorized");
        response.Headers.WwwAuthenticate.Should().ContainSingle().Which.Scheme.Should().Be("Bearer");
    }

    [Fact]
    public async Task A_revoked_key_answers_a_401_problem()
    {
        var store = factory.Services.GetRequiredService<ApiKeyStore>();
        var issued = await store.IssueAsync(ApiKeyRoles.Auditor, "to be revoked", default);
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Secret);
        (await client.GetAsync(AuditEvents)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await store.RevokeAsync(issued.Key.Id, default)).Should().BeTrue();
        (await store.RevokeAsync(issued.Key.Id, default)).Should().BeFalse("it is revoked already");

        using var response = await client.GetAsync(AuditEvents);
        await ProblemDetailsTests.ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized, "https://gempix.dev/problems/unauthorized");
    }

    [Fact]
    public async Task An_admin_key_on_an_auditor_route_answers_a_403_problem()
    {
        using var client = await factory.ClientWithKeyAsync(ApiKeyRoles.Admin);

        using var response = await client.GetAsync(AuditEvents);

        await ProblemDetailsTests.ShouldBeProblemAsync(response, HttpStatusCode.Forbidden, "https://gempix.dev/problems/forbidden");
    }

    [Theory]
    [InlineData(ApiKeyRoles.Auditor)]
    [InlineData(ApiKeyRoles.Regulator)]
    public async Task Auditors_and_regulators_may_read_the_audit_routes(string role)
    {
        using var client = await factory.ClientWithKeyAsync(role);

        using var response = await client.GetAsync(AuditEvents);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Only_the_sha256_of_a_key_is_stored()
    {
        var issued = await factory.Services.GetRequiredService<ApiKeyStore>().IssueAsync(ApiKeyRoles.Regulator, "regulator of tests", default);

        issued.Secret.Should().StartWith("gpk_").And.HaveLength(47);
        var secret = Base64Url.Decode(issued.Secret["gpk_".Length..]);
        secret.Should().HaveCount(32);
        await using var command = factory.Database.DataSource.CreateCommand("SELECT name, role, key_hash, revoked_at IS NULL FROM gempix.api_keys WHERE id = $1");
        command.Parameters.AddWithValue(issued.Key.Id);
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        reader.GetString(0).Should().Be("regulator of tests");
        reader.GetString(1).Should().Be("regulator");
        reader.GetFieldValue<byte[]>(2).Should().Equal(SHA256.HashData(secret));
        reader.GetBoolean(3).Should().BeTrue();
    }

    [Fact]
    public async Task A_key_for_an_unknown_role_is_refused()
    {
        var issue = () => factory.Services.GetRequiredService<ApiKeyStore>().IssueAsync("superuser", "nobody", default);

        await issue.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task The_health_routes_need_no_key()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "gpk_unknown");

        (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
