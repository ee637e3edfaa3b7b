using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static GemPix.Api.Tests.EndUsers.EndUserClient;

namespace GemPix.Api.Tests.EndUsers;

public sealed class CreditsApiTests(GemPixApiFactory factory) : IClassFixture<GemPixApiFactory>
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Purchased_credits_are_the_balance()
    {
        var person = await RegisterAsync(factory);

        using var bought = await person.Http.PostAsJsonAsync("/v1/credits/purchases", new { credits = 50, paymentReference = "pi_3Nx7Yq2eZvKYlo2C" });

        bought.StatusCode.Should().Be(HttpStatusCode.Created, await bought.Content.ReadAsStringAsync());
        (await person.GetJsonAsync("/v1/credits")).GetProperty("balance").GetInt32().Should().Be(50);
    }

    [Theory]
    [InlineData("{\"credits\":10,\"paymentReference\":\"4111 1111 1111 1111\"}")]
    [InlineData("{\"credits\":10,\"paymentReference\":\"ref-1\",\"card\":\"4012888888881881\"}")]
    [InlineData("{\"credits\":10,\"paymentReference\":\"ref-1\",\"note\":\"card 5555-5555-5555-4444 exp 12/30\"}")]
    public async Task A_body_carrying_a_card_number_anywhere_is_refused_and_nothing_is_stored(string body)
    {
        var person = await RegisterAsync(factory);

        using var response = await person.Http.PostAsync(new Uri("/v1/credits/purchases", UriKind.Relative), Json(body));

        await ShouldBeProblemAsync(response, HttpStatusCode.UnprocessableEntity, "card-number-in-reference");
        (await person.GetJsonAsync("/v1/credits")).GetProperty("balance").GetInt32().Should().Be(0);
        await using var connection = await factory.Database.AppDataSource.OpenConnectionAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM gempix.events WHERE subject_id = $1 AND type = 'credits-purchased'", connection);
        command.Parameters.AddWithValue(person.SubjectId);
        ((long)(await command.ExecuteScalarAsync())!).Should().Be(0);
    }

    [Theory]
    [InlineData("{\"credits\":0,\"paymentReference\":\"r\"}", HttpStatusCode.UnprocessableEntity, "invalid-credit-amount")]
    [InlineData("{\"credits\":-5,\"paymentReference\":\"r\"}", HttpStatusCode.UnprocessableEntity, "invalid-credit-amount")]
    [InlineData("{\"credits\":100001,\"paymentReference\":\"r\"}", HttpStatusCode.UnprocessableEntity, "invalid-credit-amount")]
    [InlineData("{\"credits\":99999999999999999999,\"paymentReference\":\"r\"}", HttpStatusCode.BadRequest, "malformed-json")]
    [InlineData("{\"credits\":1.5,\"paymentReference\":\"r\"}", HttpStatusCode.BadRequest, "malformed-json")]
    [InlineData("{\"credits\":\"10\",\"paymentReference\":\"r\"}", HttpStatusCode.BadRequest, "malformed-json")]
    [InlineData("{\"credits\":10", HttpStatusCode.BadRequest, "malformed-json")]
    [InlineData("{\"credits\":10}", HttpStatusCode.UnprocessableEntity, "validation")]
    [InlineData("{\"credits\":10,\"paymentReference\":\"\"}", HttpStatusCode.UnprocessableEntity, "invalid-payment-reference")]
    public async Task Bad_purchases_get_a_problem_and_change_nothing(string body, HttpStatusCode status, string code)
    {
        var person = await RegisterAsync(factory);

        using var response = await person.Http.PostAsync(new Uri("/v1/credits/purchases", UriKind.Relative), Json(body));

        await ShouldBeProblemAsync(response, status, code);
        (await person.GetJsonAsync("/v1/credits")).GetProperty("balance").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task A_purchase_needs_json()
    {
        var person = await RegisterAsync(factory);

        using var response = await person.Http.PostAsync(new Uri("/v1/credits/purchases", UriKind.Relative), new StringContent("credits=10", Encoding.UTF8, "text/plain"));

        await ShouldBeProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task An_admin_refunds_a_purchase_once_and_a_person_cannot()
    {
        var person = await RegisterAsync(factory);
        using var bought = await person.Http.PostAsJsonAsync("/v1/credits/purchases", new { credits = 20, paymentReference = "pi_refund_me" });
        var purchaseId = (await bought.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("purchaseId").GetGuid();
        var route = new Uri($"/v1/admin/subjects/{person.SubjectId}/purchases/{purchaseId}/refund", UriKind.Relative);

        (await person.Http.PostAsync(route, null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var admin = await Audit.AuditFixture.ClientWithKeyAsync(factory, "admin");
        (await admin.PostAsync(route, null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.PostAsync(route, null)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await person.GetJsonAsync("/v1/credits")).GetProperty("balance").GetInt32().Should().Be(0);
        using var unknown = await admin.PostAsync(new Uri($"/v1/admin/subjects/{person.SubjectId}/purchases/{Guid.NewGuid()}/refund", UriKind.Relative), null);
        await ShouldBeProblemAsync(unknown, HttpStatusCode.NotFound, "unknown-purchase");
    }
}
