using System.Net;
using System.Text.Json.Nodes;
using GemPix.Protection.Shredding;
using GemPix.Protection.Signing;
using Microsoft.Extensions.DependencyInjection;

namespace GemPix.Api.Tests.Hosting;

public sealed class CertificatesApiTests(GemPixApiFactory factory) : IClassFixture<GemPixApiFactory>
{
    [Fact]
    public async Task The_published_keys_verify_a_certificate_served_by_id()
    {
        using var client = factory.CreateClient();
        var issued = await factory.Services.GetRequiredService<SubjectShredder>().ShredSubjectAsync(Guid.NewGuid(), Guid.NewGuid(), default);

        using var certificate = await client.GetAsync(new Uri($"/v1/certificates/{issued.Certificate.CertificateId}", UriKind.Relative));
        using var jwks = await client.GetAsync(new Uri("/.well-known/jwks.json", UriKind.Relative));

        certificate.StatusCode.Should().Be(HttpStatusCode.OK);
        certificate.Content.Headers.ContentType!.MediaType.Should().Be("application/jose");
        jwks.StatusCode.Should().Be(HttpStatusCode.OK);
        var keys = JsonNode.Parse(await jwks.Content.ReadAsStringAsync())!;
        keys["keys"]!.AsArray().Should().ContainSingle().Which!["d"].Should().BeNull("only public parts are published");
        Jws.Verify(await certificate.Content.ReadAsStringAsync(), keys).Should().NotBeNull();
    }

    [Fact]
    public async Task An_unknown_certificate_answers_a_problem_404()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri($"/v1/certificates/{Guid.NewGuid()}", UriKind.Relative));

        await ProblemDetailsTests.ShouldBeProblemAsync(response, HttpStatusCode.NotFound, "https://gempix.dev/problems/not-found");
    }
}
