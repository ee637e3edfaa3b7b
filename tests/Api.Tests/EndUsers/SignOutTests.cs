using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using static GemPix.Api.Tests.EndUsers.EndUserClient;

namespace GemPix.Api.Tests.EndUsers;

public sealed class SignOutTests(GemPixApiFactory factory) : IClassFixture<GemPixApiFactory>
{
    private async Task<HttpClient> SecondSessionAsync(EndUserClient person)
    {
        var http = factory.CreateClient();
        using var session = await http.PostAsJsonAsync("/v1/sessions", new { email = person.Email, password = person.Password });
        session.StatusCode.Should().Be(HttpStatusCode.OK);
        var token = (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private async Task<List<string>> EventTypesAsync(Guid subjectId)
    {
        await using var command = factory.Database.AppDataSource.CreateCommand("SELECT type FROM gempix.events WHERE stream_id = $1 ORDER BY version");
        command.Parameters.AddWithValue(subjectId);
        await using var reader = await command.ExecuteReaderAsync();
        var types = new List<string>();
        while (await reader.ReadAsync())
        {
            types.Add(reader.GetString(0));
        }

        return types;
    }

    [Fact]
    public async Task Signing_out_answers_204_and_the_token_is_refused_from_the_next_request_on()
    {
        var person = await RegisterAsync(factory);

        using var signedOut = await person.Http.DeleteAsync(new Uri("/v1/sessions", UriKind.Relative));

        signedOut.StatusCode.Should().Be(HttpStatusCode.NoContent, await signedOut.Content.ReadAsStringAsync());
        await ShouldBeProblemAsync(await person.Http.GetAsync(new Uri("/v1/me", UriKind.Relative)), HttpStatusCode.Unauthorized, "unauthorized");
        await ShouldBeProblemAsync(await person.Http.DeleteAsync(new Uri("/v1/sessions", UriKind.Relative)), HttpStatusCode.Unauthorized, "unauthorized");
        (await EventTypesAsync(person.SubjectId)).Should().Equal("account-registered", "session-started", "session-ended");
    }

    [Fact]
    public async Task Signing_out_ends_only_the_session_of_the_request()
    {
        var person = await RegisterAsync(factory);
        using var other = await SecondSessionAsync(person);

        (await person.Http.DeleteAsync(new Uri("/v1/sessions", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await person.Http.GetAsync(new Uri("/v1/me", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await other.GetAsync(new Uri("/v1/me", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_every_session_of_the_person_and_no_one_else_s()
    {
        var person = await RegisterAsync(factory);
        var stranger = await RegisterAsync(factory);
        using var other = await SecondSessionAsync(person);

        using var signedOut = await person.Http.DeleteAsync(new Uri("/v1/sessions?all=true", UriKind.Relative));

        signedOut.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await person.Http.GetAsync(new Uri("/v1/me", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await other.GetAsync(new Uri("/v1/me", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await stranger.Http.GetAsync(new Uri("/v1/me", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await EventTypesAsync(person.SubjectId)).Should().EndWith("sessions-revoked");
        (await person.Http.PostAsJsonAsync("/v1/sessions", new { email = person.Email, password = person.Password })).StatusCode
            .Should().Be(HttpStatusCode.OK, "signing out is not closing the account");
    }

    [Fact]
    public async Task Signing_out_needs_a_person_s_session()
    {
        using var anonymous = factory.CreateClient();
        await ShouldBeProblemAsync(await anonymous.DeleteAsync(new Uri("/v1/sessions", UriKind.Relative)), HttpStatusCode.Unauthorized, "unauthorized");

        using var auditor = await Audit.AuditFixture.ClientWithKeyAsync(factory, "auditor");
        (await auditor.DeleteAsync(new Uri("/v1/sessions", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_value_of_all_other_than_true_or_false_is_a_bad_request()
    {
        var person = await RegisterAsync(factory);

        using var response = await person.Http.DeleteAsync(new Uri("/v1/sessions?all=everything", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await person.Http.GetAsync(new Uri("/v1/me", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
