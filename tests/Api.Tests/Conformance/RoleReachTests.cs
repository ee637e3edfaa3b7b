using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GemPix.Api.Authentication;
using GemPix.Api.Tests.Audit;
using GemPix.Api.Tests.EndUsers;

namespace GemPix.Api.Tests.Conformance;

/// <summary>
/// Every role's reach, for every route of the OpenAPI document: credentials of a role a route does not admit are
/// refused (401 without credentials, 403 with another role's), and an id of another person's resource answers 404 as if
/// it did not exist, and changes nothing of theirs.
/// </summary>
public sealed class RoleReachTests(GemPixApiFactory factory) : IClassFixture<GemPixApiFactory>
{
    private static readonly string[] Roles = ["anonymous", SubjectClaims.Role, ApiKeyRoles.Auditor, ApiKeyRoles.Regulator, ApiKeyRoles.Admin];

    [Fact]
    public async Task Every_route_refuses_credentials_of_a_role_it_does_not_admit()
    {
        using var http = factory.CreateClient();
        var contract = await OpenApiContract.LoadAsync(http);
        var callers = await CallersAsync();
        var checkedRoutes = 0;

        foreach (var (method, template, operation) in contract.Operations)
        {
            if (operation["security"] is not JsonArray { Count: > 0 } security)
            {
                continue;
            }

            var admitted = security.SelectMany(r => r!.AsObject().SelectMany(s => s.Value!.AsArray().Select(v => v!.GetValue<string>()))).ToHashSet();
            foreach (var role in Roles.Where(r => !admitted.Contains(r)))
            {
                var multipart = operation["requestBody"]?["content"]?["multipart/form-data"] is not null;
                using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(WithIds(template, _ => Guid.NewGuid()), UriKind.Relative))
                {
                    Content = multipart ? TestImages.Form(TestImages.Png(8, 8)) : method is "POST" or "PUT" or "PATCH" ? JsonContent.Create(new { }) : null,
                };
                using var response = await callers[role].SendAsync(request);

                await EndUserClient.ShouldBeProblemAsync(
                    response, role == "anonymous" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, role == "anonymous" ? "unauthorized" : "forbidden");
            }

            checkedRoutes++;
        }

        checkedRoutes.Should().BeGreaterThan(25);
    }

    [Fact]
    public async Task An_id_of_another_person_s_resource_is_not_found_on_every_route_that_takes_one_and_changes_nothing()
    {
        using var http = factory.CreateClient();
        var contract = await OpenApiContract.LoadAsync(http);
        var owner = await EndUserClient.RegisterAsync(factory);
        var stranger = await EndUserClient.RegisterAsync(factory);
        var ids = await ResourcesOfAsync(owner);
        var before = await SnapshotAsync(owner);
        var checkedRoutes = 0;

        foreach (var (method, template, operation) in contract.Operations.Where(o => o.Template.Contains("{id}", StringComparison.Ordinal)))
        {
            var admitsSubjects = operation["security"] is JsonArray security
                && security.Any(r => r!.AsObject().Any(s => s.Value!.AsArray().Any(v => v!.GetValue<string>() == SubjectClaims.Role)));
            if (!admitsSubjects)
            {
                continue;
            }

            var resource = ids.FirstOrDefault(r => template.StartsWith(r.Key, StringComparison.Ordinal)).Value;
            resource.Should().NotBeEmpty($"{method} {template} takes an id: this test must know a resource of another person to try it with");
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(template.Replace("{id}", resource.ToString(), StringComparison.Ordinal), UriKind.Relative));
            using var response = await stranger.Http.SendAsync(request);

            response.StatusCode.Should().Be(HttpStatusCode.NotFound, $"{method} {template} with another person's id answered {await response.Content.ReadAsStringAsync()}");
            checkedRoutes++;
        }

        checkedRoutes.Should().BeGreaterThanOrEqualTo(6);
        (await SnapshotAsync(owner)).Should().Be(before, "nothing of the owner's changed");
    }

    private async Task<Dictionary<string, HttpClient>> CallersAsync() => new()
    {
        ["anonymous"] = factory.CreateClient(),
        [SubjectClaims.Role] = (await EndUserClient.RegisterAsync(factory)).Http,
        [ApiKeyRoles.Auditor] = await factory.ClientWithKeyAsync(ApiKeyRoles.Auditor),
        [ApiKeyRoles.Regulator] = await factory.ClientWithKeyAsync(ApiKeyRoles.Regulator),
        [ApiKeyRoles.Admin] = await factory.ClientWithKeyAsync(ApiKeyRoles.Admin),
    };

    /// <summary>One resource of each kind a person owns, by the route prefix that names it.</summary>
    private static async Task<Dictionary<string, Guid>> ResourcesOfAsync(EndUserClient owner)
    {
        using var upload = await owner.Http.PostAsync(new Uri("/v1/uploads?keep=true", UriKind.Relative), TestImages.Form(TestImages.Png(64, 64)));
        upload.EnsureSuccessStatusCode();
        (await owner.Http.PostAsJsonAsync("/v1/credits/purchases", new { credits = 100, paymentReference = "pi_reach" })).EnsureSuccessStatusCode();
        using var generation = await owner.Http.PostAsJsonAsync("/v1/generations", new { prompt = "a lighthouse", width = 64, height = 64 });
        generation.EnsureSuccessStatusCode();
        using var request = await owner.Http.PostAsJsonAsync("/v1/privacy-requests", new { type = "access" });
        request.EnsureSuccessStatusCode();
        return new()
        {
            ["/v1/uploads/"] = await IdAsync(upload, "uploadId"),
            ["/v1/generations/"] = await IdAsync(generation, "generationId"),
            ["/v1/privacy-requests/"] = await IdAsync(request, "requestId"),
        };
    }

    private static async Task<Guid> IdAsync(HttpResponseMessage response, string name) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty(name).GetGuid();

    /// <summary>What the owner sees of their own resources, apart from the work that moves on by itself.</summary>
    private static async Task<string> SnapshotAsync(EndUserClient owner)
    {
        var generations = await owner.GetJsonAsync("/v1/generations");
        var requests = await owner.GetJsonAsync("/v1/privacy-requests");
        return $"{generations.GetProperty("items").GetArrayLength()} generations, {requests.GetArrayLength()} requests, credits {(await owner.GetJsonAsync("/v1/credits")).GetRawText()}";
    }

    private static string WithIds(string template, Func<string, Guid> id) =>
        System.Text.RegularExpressions.Regex.Replace(template, "\\{([^}]+)\\}", m => m.Groups[1].Value == "purpose" ? "analytics" : id(m.Groups[1].Value).ToString());
}
