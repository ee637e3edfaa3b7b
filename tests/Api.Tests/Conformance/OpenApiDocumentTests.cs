using System.Text.Json.Nodes;

namespace GemPix.Api.Tests.Conformance;

public sealed class OpenApiDocumentTests(GemPixApiFactory factory) : IClassFixture<GemPixApiFactory>
{
    private async Task<OpenApiContract> ContractAsync()
    {
        using var http = factory.CreateClient();
        return await OpenApiContract.LoadAsync(http);
    }

    [Fact]
    public async Task Every_route_with_credentials_names_its_scheme_and_roles()
    {
        var contract = await ContractAsync();
        var schemes = contract.Document["components"]!["securitySchemes"]!.AsObject();
        schemes.Select(s => s.Key).Should().BeEquivalentTo(["session", "apiKey"]);

        Security(contract, "GET", "/v1/me").Should().Be("session:subject");
        Security(contract, "GET", "/v1/audit/events").Should().Be("apiKey:auditor,regulator");
        Security(contract, "POST", "/v1/regulator/requests").Should().Be("apiKey:regulator");
        Security(contract, "GET", "/v1/admin/privacy-requests").Should().Be("apiKey:admin");
        Security(contract, "POST", "/v1/accounts").Should().BeNull();
    }

    [Fact]
    public async Task Every_operation_describes_its_problems_and_every_post_its_idempotency_key()
    {
        var contract = await ContractAsync();

        foreach (var (method, template, operation) in contract.Operations.Where(o => !o.Template.StartsWith("/health/", StringComparison.Ordinal)))
        {
            var responses = operation["responses"]!.AsObject();
            foreach (var status in new[] { "406", "429", "500", "503" })
            {
                responses[status]?["content"]?["application/problem+json"].Should().NotBeNull($"{method} {template} answers {status} as a problem");
            }

            if (method == "POST")
            {
                Parameters(operation).Should().Contain("Idempotency-Key", $"{method} {template}");
            }

            if (operation["security"] is JsonArray { Count: > 0 })
            {
                responses.Select(r => r.Key).Should().Contain(["401", "403"], $"{method} {template}");
            }
        }

        contract.Document["paths"]!["/v1/generations"]!["post"]!["responses"]!["402"].Should().NotBeNull();
        Parameters(contract.Document["paths"]!["/v1/me"]!["get"]!.AsObject()).Should().Contain("Sec-GPC");
    }

    [Fact]
    public async Task Files_multipart_bodies_times_health_and_optional_fields_are_described_as_they_are()
    {
        var contract = await ContractAsync();
        var paths = contract.Document["paths"]!;
        var schemas = contract.Document["components"]!["schemas"]!;

        paths["/v1/generations/{id}/image"]!["get"]!["responses"]!["200"]!["content"]!["image/png"]!["schema"]!["format"]!.GetValue<string>().Should().Be("binary");
        paths["/v1/privacy-requests/{id}/export"]!["get"]!["responses"]!["200"]!["content"]!["application/zip"].Should().NotBeNull();
        paths["/v1/certificates/{id}"]!["get"]!["responses"]!["200"]!["content"]!["application/jose"].Should().NotBeNull();
        paths["/v1/admin/privacy-requests"]!["get"]!["responses"]!["200"]!["content"]!["text/csv"].Should().NotBeNull();
        paths["/.well-known/jwks.json"]!["get"]!["responses"]!["200"]!["content"]!["application/jwk-set+json"]!["schema"]!["required"]!.AsArray()
            .Select(r => r!.GetValue<string>()).Should().Equal("keys");
        var upload = paths["/v1/uploads"]!["post"]!["requestBody"]!["content"]!["multipart/form-data"]!["schema"]!;
        upload["properties"]!["file"]!["format"]!.GetValue<string>().Should().Be("binary");
        upload["required"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("file");
        paths["/health/live"]!["get"].Should().NotBeNull();
        paths["/health/ready"]!["get"]!["responses"]!["503"].Should().NotBeNull();

        var generation = schemas["NewGeneration"]!;
        generation["required"]!.AsArray().Select(r => r!.GetValue<string>()).Should().BeEquivalentTo(["prompt", "width", "height"]);
        schemas["RegulatorRequest"]!["required"]!.AsArray().Select(r => r!.GetValue<string>()).Should().BeEquivalentTo(["reference", "legalBasis"]);
        var page = schemas["GenerationPage"]!;
        page["required"]!.AsArray().Select(r => r!.GetValue<string>()).Should().NotContain("nextBefore", "it is left out when there is no next page");
        var receivedAt = schemas["PrivacyRequestView"]!["properties"]!["receivedAt"]!;
        (receivedAt["format"]?.GetValue<string>() ?? Deref(contract, receivedAt)?["format"]?.GetValue<string>()).Should().Be("date-time");
    }

    [Fact]
    public async Task An_answer_the_document_does_not_describe_is_found()
    {
        var contract = await ContractAsync();

        contract.Violations(new RecordedAnswer("GET", "/v1/credits", 200, "application/json", """{"balance":1,"reserved":0}"""u8.ToArray())).Should().BeEmpty();
        contract.Violations(new RecordedAnswer("GET", "/v1/credits", 200, "application/json", """{"balance":"many","reserved":0}"""u8.ToArray())).Should().ContainSingle();
        contract.Violations(new RecordedAnswer("GET", "/v1/credits", 200, "application/json", """{"reserved":0}"""u8.ToArray())).Should().ContainSingle();
        contract.Violations(new RecordedAnswer("GET", "/v1/credits", 418, "application/json", "{}"u8.ToArray())).Should().ContainSingle();
        contract.Violations(new RecordedAnswer("GET", "/v1/credits", 200, "application/xml", "<a/>"u8.ToArray())).Should().ContainSingle();
    }

    private static string? Security(OpenApiContract contract, string method, string template)
    {
        var operation = contract.Operations.Single(o => o.Method == method && o.Template == template).Operation;
        return operation["security"] is JsonArray { Count: > 0 } security
            ? string.Join(';', security.SelectMany(r => r!.AsObject().Select(s => $"{s.Key}:{string.Join(',', s.Value!.AsArray().Select(v => v!.GetValue<string>()))}")))
            : null;
    }

    private static List<string> Parameters(JsonObject operation) =>
        [.. (operation["parameters"] as JsonArray ?? []).Select(p => p!["name"]!.GetValue<string>())];

    private static JsonNode? Deref(OpenApiContract contract, JsonNode node) =>
        node["$ref"]?.GetValue<string>() is { } reference ? contract.Document["components"]!["schemas"]![reference["#/components/schemas/".Length..]] : null;
}
