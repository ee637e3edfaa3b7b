using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace GemPix.Api.Tests.EndUsers;

/// <summary>A registered, signed-in person talking to the API, as a client program would.</summary>
public sealed class EndUserClient(HttpClient http, Guid subjectId, string email, string password)
{
    public HttpClient Http { get; } = http;

    public Guid SubjectId { get; } = subjectId;

    public string Email { get; } = email;

    public string Password { get; } = password;

    public static async Task<EndUserClient> RegisterAsync(GemPixApiFactory factory, string country = "DE", string? email = null)
    {
        email ??= $"person-{Guid.NewGuid():N}@example.org";
        const string password = "correct horse battery staple";
        var http = factory.CreateClient();
        using var registered = await http.PostAsJsonAsync("/v1/accounts", new { email, password, displayName = "Ada Lovelace", country, birthDate = "1990-12-10" });
        registered.StatusCode.Should().Be(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var subjectId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("subjectId").GetGuid();
        using var session = await http.PostAsJsonAsync("/v1/sessions", new { email, password });
        session.StatusCode.Should().Be(HttpStatusCode.OK);
        var token = (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new EndUserClient(http, subjectId, email, password);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(body);
        problem.RootElement.GetProperty("type").GetString().Should().Be("https://gempix.dev/problems/" + code);
    }
}
