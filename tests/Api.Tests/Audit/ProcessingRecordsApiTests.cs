using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GemPix.Api.Authentication;

namespace GemPix.Api.Tests.Audit;

public sealed class ProcessingRecordsApiTests(GemPixApiFactory factory) : IClassFixture<GemPixApiFactory>
{
    [Fact]
    public async Task Auditors_read_the_records_of_processing_generated_from_the_code()
    {
        using var auditor = await factory.ClientWithKeyAsync(ApiKeyRoles.Auditor);

        var records = await auditor.GetFromJsonAsync<JsonElement>("/v1/audit/processing-records");

        records.GetProperty("controller").GetString().Should().Be("GemPix");
        var activities = records.GetProperty("activities").EnumerateArray().ToList();
        activities.Select(a => a.GetProperty("name").GetString()).Should().Contain(["Accounts and sign-in", "Image generation", "Credits and billing"]);
        activities.Should().OnlyContain(a => a.GetProperty("dataCategories").GetArrayLength() > 0 && a.GetProperty("retention").GetString()!.Length > 0);
        using var anonymous = factory.CreateClient();
        (await anonymous.GetAsync(new Uri("/v1/audit/processing-records", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
