using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GemPix.Api.Authentication;
using GemPix.Api.Tests.Audit;
using static GemPix.Api.Tests.EndUsers.EndUserClient;

namespace GemPix.Api.Tests.Hosting;

public sealed class BadInputTests(GemPixApiFactory factory) : IClassFixture<GemPixApiFactory>
{
    [Theory]
    [InlineData("/v1/generations", """{"prompt":"a cat","width":"wide","height":64}""", "width", "whole number")]
    [InlineData("/v1/generations", """{"prompt":"a cat","width":64,"height":64,"seed":"x"}""", "seed", "whole number")]
    [InlineData("/v1/generations", """{"prompt":"a cat","width":64,"height":64,"referenceUploadId":"nope"}""", "referenceUploadId", "UUID")]
    [InlineData("/v1/privacy-requests", """{"type":["erasure"]}""", "type", "string")]
    [InlineData("/v1/accounts", """{"email":"a@b.org","password":"an unusual passphrase","displayName":"A","country":"DE","birthDate":"1990-13-45"}""", "birthDate", "date")]
    [InlineData("/v1/generations", """{"prompt":"a \u0000 cat","width":64,"height":64}""", "prompt", "NUL")]
    public async Task A_field_of_the_wrong_type_is_named_with_what_it_expects(string path, string body, string field, string expected)
    {
        var person = await RegisterAsync(factory);

        using var response = await person.Http.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, "bad-request");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty(field)[0].GetString().Should().Contain(expected);
        problem.GetProperty("detail").GetString().Should().NotContain("Failed to read parameter");
    }

    [Fact]
    public async Task A_missing_field_is_a_422_whose_errors_name_it()
    {
        var person = await RegisterAsync(factory);

        using var response = await person.Http.PostAsJsonAsync("/v1/generations", new { prompt = "a cat", width = 64 });

        await ShouldBeProblemAsync(response, HttpStatusCode.UnprocessableEntity, "validation");
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().Equal("height");
    }

    [Fact]
    public async Task A_rule_broken_by_a_field_names_the_field()
    {
        var person = await RegisterAsync(factory);

        using var response = await person.Http.PostAsJsonAsync("/v1/generations", new { prompt = "", width = 64, height = 64 });

        await ShouldBeProblemAsync(response, HttpStatusCode.UnprocessableEntity, "invalid-prompt");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("prompt", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Accept_that_excludes_json_is_a_406()
    {
        var person = await RegisterAsync(factory);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/me");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));

        using var response = await person.Http.SendAsync(request);

        await ShouldBeProblemAsync(response, HttpStatusCode.NotAcceptable, "not-acceptable");
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/*;q=0.5, text/html")]
    [InlineData("*/*")]
    public async Task Accept_that_admits_json_in_any_spelling_gets_json(string accept)
    {
        var person = await RegisterAsync(factory);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/me");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        using var response = await person.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_sign_in_answer_is_never_cached()
    {
        var person = await RegisterAsync(factory);
        using var anonymous = factory.CreateClient();

        using var response = await anonymous.PostAsJsonAsync("/v1/sessions", new { email = person.Email, password = person.Password });

        response.Headers.CacheControl?.NoStore.Should().BeTrue();
    }

    [Fact]
    public async Task A_purchase_with_a_byte_order_mark_is_read_like_any_other_body()
    {
        var person = await RegisterAsync(factory);
        var body = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("""{"credits":7,"paymentReference":"pi_75413334406845"}""")]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await person.Http.PostAsync(new Uri("/v1/credits/purchases", UriKind.Relative), body);

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_purchase_body_is_limited_to_the_documented_mebibyte()
    {
        var person = await RegisterAsync(factory);
        var padding = new string(' ', 64 * 1024);

        using var response = await person.Http.PostAsync(
            new Uri("/v1/credits/purchases", UriKind.Relative), new StringContent($$"""{"credits":7,{{padding}}"paymentReference":"pi_1"}""", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/v1/uploads")]
    [InlineData("/v1/provenance/check")]
    public async Task A_multipart_body_whose_boundary_does_not_match_its_header_is_a_400(string path)
    {
        var person = await RegisterAsync(factory);
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes("--other\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nxyz\r\n--other--\r\n"));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=expected");

        using var response = await person.Http.PostAsync(new Uri(path, UriKind.Relative), content);

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, "malformed-multipart");
    }

    [Fact]
    public async Task A_NUL_in_the_timeline_s_purpose_is_a_400()
    {
        var person = await RegisterAsync(factory);
        using var auditor = await factory.ClientWithKeyAsync(ApiKeyRoles.Auditor);

        using var response = await auditor.GetAsync(new Uri($"/v1/audit/subjects/{person.SubjectId}/timeline?purpose=a%00b", UriKind.Relative));

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, "bad-request");
    }

    [Fact]
    public async Task Lifting_the_restriction_of_a_subject_nobody_has_is_a_404()
    {
        using var admin = await factory.ClientWithKeyAsync(ApiKeyRoles.Admin);

        using var response = await admin.PostAsJsonAsync($"/v1/admin/subjects/{Guid.NewGuid()}/restriction/lift", new { reason = "verified" });

        await ShouldBeProblemAsync(response, HttpStatusCode.NotFound, "subject-not-found");
    }

    [Fact]
    public async Task Personal_answers_are_neither_cached_nor_sniffed()
    {
        var person = await RegisterAsync(factory);

        foreach (var path in new[] { "/v1/me", "/v1/credits", "/v1/generations" })
        {
            using var response = await person.Http.GetAsync(new Uri(path, UriKind.Relative));
            response.Headers.CacheControl?.NoStore.Should().BeTrue(path);
            response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        }
    }
}
