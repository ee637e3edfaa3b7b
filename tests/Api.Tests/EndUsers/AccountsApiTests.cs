using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static GemPix.Api.Tests.EndUsers.EndUserClient;

namespace GemPix.Api.Tests.EndUsers;

public sealed class AccountsApiTests(GemPixApiFactory factory) : IClassFixture<GemPixApiFactory>
{
    private static object Registration(string email, string country = "DE", string birthDate = "1990-12-10", string password = "correct horse battery staple") =>
        new { email, password, displayName = "Ada", country, birthDate };

    [Fact]
    public async Task A_registered_person_signs_in_and_sees_their_profile()
    {
        var person = await RegisterAsync(factory);

        var me = await person.GetJsonAsync("/v1/me");

        me.GetProperty("subjectId").GetGuid().Should().Be(person.SubjectId);
        me.GetProperty("email").GetString().Should().Be(person.Email);
        me.GetProperty("displayName").GetString().Should().Be("Ada Lovelace");
        me.GetProperty("country").GetString().Should().Be("DE");
        me.GetProperty("birthDate").GetString().Should().Be("1990-12-10");
        me.GetProperty("createdAt").GetString().Should().EndWith("Z");
    }

    [Theory]
    [InlineData("DE", 16)]
    [InlineData("FR", 15)]
    [InlineData("US", 13)]
    public async Task Someone_under_the_digital_consent_age_of_their_country_is_refused_and_nothing_is_stored(string country, int age)
    {
        using var http = factory.CreateClient();
        var birthDate = DateTime.UtcNow.Date.AddYears(-age).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var email = $"young-{Guid.NewGuid():N}@example.org";

        using var response = await http.PostAsJsonAsync("/v1/accounts", Registration(email, country, birthDate));

        await ShouldBeProblemAsync(response, HttpStatusCode.UnprocessableEntity, "under-digital-consent-age");
        using var signIn = await http.PostAsJsonAsync("/v1/sessions", new { email, password = "correct horse battery staple" });
        signIn.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_email_registers_once_whatever_its_case_and_spacing()
    {
        var person = await RegisterAsync(factory);
        using var http = factory.CreateClient();

        using var again = await http.PostAsJsonAsync("/v1/accounts", Registration("  " + person.Email.ToUpperInvariant() + " "));

        await ShouldBeProblemAsync(again, HttpStatusCode.Conflict, "account-exists");
    }

    [Fact]
    public async Task The_email_is_stored_only_as_ciphertext_and_a_keyed_blind_index()
    {
        var person = await RegisterAsync(factory);

        await using var connection = await factory.Database.AppDataSource.OpenConnectionAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM gempix.events WHERE data::text LIKE '%' || $1 || '%'", connection);
        command.Parameters.AddWithValue(person.Email);
        ((long)(await command.ExecuteScalarAsync())!).Should().Be(0);
        await using var index = new Npgsql.NpgsqlCommand("SELECT octet_length(blind_index) FROM gempix.account_emails WHERE subject_id = $1", connection);
        index.Parameters.AddWithValue(person.SubjectId);
        (await index.ExecuteScalarAsync()).Should().Be(32);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_answer()
    {
        var person = await RegisterAsync(factory);
        using var http = factory.CreateClient();

        using var wrong = await http.PostAsJsonAsync("/v1/sessions", new { email = person.Email, password = "not the password" });
        using var unknown = await http.PostAsJsonAsync("/v1/sessions", new { email = "nobody@example.org", password = "not the password" });

        await ShouldBeProblemAsync(wrong, HttpStatusCode.Unauthorized, "invalid-credentials");
        await ShouldBeProblemAsync(unknown, HttpStatusCode.Unauthorized, "invalid-credentials");
    }

    [Fact]
    public async Task Session_tokens_are_stored_only_as_hashes()
    {
        var person = await RegisterAsync(factory);
        var token = person.Http.DefaultRequestHeaders.Authorization!.Parameter!;

        await using var connection = await factory.Database.AppDataSource.OpenConnectionAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT token_hash FROM gempix.sessions WHERE subject_id = $1", connection);
        command.Parameters.AddWithValue(person.SubjectId);
        var stored = (byte[])(await command.ExecuteScalarAsync())!;
        stored.Should().Equal(System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes(token)));
    }

    [Fact]
    public async Task Rectification_corrects_the_name_and_the_email_and_the_new_email_signs_in()
    {
        var person = await RegisterAsync(factory);
        var newEmail = $"renamed-{Guid.NewGuid():N}@example.org";

        using var patched = await person.Http.PatchAsJsonAsync("/v1/me", new { displayName = "Augusta Ada King", email = newEmail });

        patched.StatusCode.Should().Be(HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());
        var me = await person.GetJsonAsync("/v1/me");
        me.GetProperty("displayName").GetString().Should().Be("Augusta Ada King");
        me.GetProperty("email").GetString().Should().Be(newEmail);
        using var http = factory.CreateClient();
        (await http.PostAsJsonAsync("/v1/sessions", new { email = newEmail, password = person.Password })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await http.PostAsJsonAsync("/v1/sessions", new { email = person.Email, password = person.Password })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Rectifying_to_another_account_s_email_is_refused_without_saying_so_and_changes_nothing()
    {
        var first = await RegisterAsync(factory);
        var second = await RegisterAsync(factory);

        using var patched = await second.Http.PatchAsJsonAsync("/v1/me", new { displayName = "Changed", email = first.Email });

        await ShouldBeProblemAsync(patched, HttpStatusCode.UnprocessableEntity, "email-not-accepted");
        (await patched.Content.ReadAsStringAsync()).Should().NotContainAny("another account", "taken", "exists");
        var me = await second.GetJsonAsync("/v1/me");
        me.GetProperty("email").GetString().Should().Be(second.Email);
        me.GetProperty("displayName").GetString().Should().NotBe("Changed");
    }

    [Theory]
    [InlineData("{\"email\":\"a@b.org\"", HttpStatusCode.BadRequest)]
    [InlineData("{\"email\":42,\"password\":\"x\"}", HttpStatusCode.BadRequest)]
    [InlineData("{\"email\":\"a@b.org\"}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"email\":\"not-an-email\",\"password\":\"long enough pw\",\"displayName\":\"A\",\"country\":\"DE\",\"birthDate\":\"1990-01-01\"}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"email\":\"a@b.org\",\"password\":\"short\",\"displayName\":\"A\",\"country\":\"DE\",\"birthDate\":\"1990-01-01\"}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"email\":\"a@b.org\",\"password\":\"long enough pw\",\"displayName\":\"A\",\"country\":\"DE\",\"birthDate\":\"1990-02-30\"}", HttpStatusCode.BadRequest)]
    [InlineData("{\"email\":\"a@b.org\",\"password\":\"long enough pw\",\"displayName\":\"\\u0000\",\"country\":\"DE\",\"birthDate\":\"1990-01-01\"}", HttpStatusCode.BadRequest)]
    [InlineData("{\"email\":\"a@b.org\",\"password\":\"long enough pw\",\"displayName\":\"A\",\"country\":\"Germany\",\"birthDate\":\"1990-01-01\"}", HttpStatusCode.UnprocessableEntity)]
    public async Task Bad_registrations_get_a_problem_and_create_nothing(string body, HttpStatusCode status)
    {
        using var http = factory.CreateClient();
        // An address of its own per case: failed sign-ins are throttled per address.
        var email = $"bad-{Guid.NewGuid():N}@example.org";

        using var response = await http.PostAsync(
            new Uri("/v1/accounts", UriKind.Relative), new StringContent(body.Replace("a@b.org", email, StringComparison.Ordinal), Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(status, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        (await http.PostAsJsonAsync("/v1/sessions", new { email, password = "long enough pw" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("password", "commonly used")]
    [InlineData("12345678", "commonly used")]
    [InlineData("Baseball", "commonly used")]
    [InlineData("        ", "only spaces")]
    [InlineData("zzzzzzzzzz", "repeated")]
    [InlineData("{email}", "email address or display name")]
    [InlineData("Ada Byron King", "email address or display name")]
    public async Task A_weak_password_is_refused_saying_why_without_quoting_it(string password, string reason)
    {
        using var http = factory.CreateClient();
        var email = $"weak-{Guid.NewGuid():N}@example.org";
        password = password.Replace("{email}", email, StringComparison.Ordinal);

        using var response = await http.PostAsJsonAsync("/v1/accounts", new { email, password, displayName = "Ada Byron King", country = "DE", birthDate = "1990-12-10" });

        await ShouldBeProblemAsync(response, HttpStatusCode.UnprocessableEntity, "invalid-password");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("detail").GetString().Should().Contain(reason);
        problem.GetProperty("errors").GetProperty("password")[0].GetString().Should().Contain(reason);
        if (password is not ("password" or "        "))
        {
            problem.GetProperty("detail").GetString().Should().NotContainEquivalentOf(password);
        }

        (await http.PostAsJsonAsync("/v1/sessions", new { email, password })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("0000-01-01")]
    [InlineData("1899-12-31")]
    [InlineData("2999-01-01")]
    public async Task A_birth_date_before_1900_or_in_the_future_is_refused_naming_the_field(string birthDate)
    {
        using var http = factory.CreateClient();

        using var response = await http.PostAsJsonAsync("/v1/accounts", Registration($"born-{Guid.NewGuid():N}@example.org", birthDate: birthDate));

        await ShouldBeProblemAsync(response, HttpStatusCode.UnprocessableEntity, "invalid-birth-date");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("detail").GetString().Should().Contain("birthDate");
        problem.GetProperty("errors").TryGetProperty("birthDate", out _).Should().BeTrue();
    }

    [Theory]
    [InlineData("Ada\u202Eecalevol")]
    [InlineData("Ada\u200BLovelace")]
    [InlineData("\u2066Ada\u2069")]
    [InlineData("Ada\uFEFF")]
    [InlineData("Ada\uE000")]
    public async Task A_display_name_with_bidi_controls_or_invisible_characters_is_refused_at_registration_and_on_rectification(string escaped)
    {
        var name = System.Text.RegularExpressions.Regex.Unescape(escaped);
        using var http = factory.CreateClient();

        using var registered = await http.PostAsJsonAsync("/v1/accounts", new { email = $"bidi-{Guid.NewGuid():N}@example.org", password = "correct horse battery staple", displayName = name, country = "DE", birthDate = "1990-12-10" });
        await ShouldBeProblemAsync(registered, HttpStatusCode.UnprocessableEntity, "invalid-display-name");

        var person = await RegisterAsync(factory);
        using var corrected = await person.Http.PatchAsJsonAsync("/v1/me", new { displayName = name });
        await ShouldBeProblemAsync(corrected, HttpStatusCode.UnprocessableEntity, "invalid-display-name");
        (await person.GetJsonAsync("/v1/me")).GetProperty("displayName").GetString().Should().Be("Ada Lovelace");
    }

    [Fact]
    public async Task A_display_name_is_kept_in_normalisation_form_c()
    {
        var person = await RegisterAsync(factory);

        using var corrected = await person.Http.PatchAsJsonAsync("/v1/me", new { displayName = "Ame\u0301lie" });

        corrected.StatusCode.Should().Be(HttpStatusCode.OK);
        (await person.GetJsonAsync("/v1/me")).GetProperty("displayName").GetString().Should().Be("Am\u00E9lie");
    }

    [Fact]
    public async Task The_profile_needs_a_valid_session()
    {
        using var http = factory.CreateClient();
        (await http.GetAsync(new Uri("/v1/me", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "gps_" + new string('A', 43));
        using var forged = await http.GetAsync(new Uri("/v1/me", UriKind.Relative));
        await ShouldBeProblemAsync(forged, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task An_api_key_is_not_a_person()
    {
        using var http = await Audit.AuditFixture.ClientWithKeyAsync(factory, "auditor");

        using var response = await http.GetAsync(new Uri("/v1/me", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        _ = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
