using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using GemPix.Api.Authentication;
using GemPix.Api.Tests.Audit;
using GemPix.Api.Tests.EndUsers;

namespace GemPix.Api.Tests.Conformance;

/// <summary>
/// Bad input for every route of the OpenAPI document, generated from the document itself (CsCheck, shrunk to the
/// smallest failing case): wrong types, missing required fields, NUL and oversized text, malformed JSON and multipart,
/// bad ids and query values, bad headers. Whatever comes, the answer is never a 5xx; a refusal is a problem with a
/// stable type, a 400 or 422 names the field in <c>errors</c>, and no refusal changes any state.
/// </summary>
public sealed class GeneratedBadInputTests(GemPixApiFactory factory) : IClassFixture<GemPixApiFactory>
{
    private const int Cases = 3000;

    // Refusals about what the caller's records hold rather than about a field of the request.
    private static readonly HashSet<string> StateRefusals =
        ["not-restricted", "refund-exceeds-balance", "idempotency-key-reused", "invalid-transition", "privacy-request-closed"];

    [Fact]
    public async Task Bad_input_on_any_route_is_never_a_5xx_and_every_refusal_is_a_problem_that_names_the_field_and_changes_nothing()
    {
        using var http = factory.CreateClient();
        var contract = await OpenApiContract.LoadAsync(http);
        var callers = new Dictionary<string, HttpClient>
        {
            ["anonymous"] = factory.CreateClient(),
            [SubjectClaims.Role] = (await EndUserClient.RegisterAsync(factory)).Http,
            [ApiKeyRoles.Auditor] = await factory.ClientWithKeyAsync(ApiKeyRoles.Auditor),
            [ApiKeyRoles.Regulator] = await factory.ClientWithKeyAsync(ApiKeyRoles.Regulator),
            [ApiKeyRoles.Admin] = await factory.ClientWithKeyAsync(ApiKeyRoles.Admin),
        };
        var operations = contract.Operations
            .Where(o => !o.Template.StartsWith("/health/", StringComparison.Ordinal) && !(o.Method == "DELETE" && o.Template == "/v1/sessions"))
            .Select(o => new BadInputs(contract, o.Method, o.Template, o.Operation))
            .ToArray();
        var generator = Gen.Int[0, operations.Length - 1].SelectMany(i => operations[i].Generator);

        await generator.SampleAsync(
            async bad =>
            {
                var before = await StateAsync();
                using var request = bad.ToRequest();
                using var response = await callers[bad.Role].SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;

                status.Should().BeLessThan(500, $"{bad} answered {body}");
                if (status < 400)
                {
                    return;
                }

                response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", $"{bad} answered {status} {body}");
                var problem = JsonNode.Parse(body)!.AsObject();
                var type = problem["type"]!.GetValue<string>();
                type.Should().StartWith("https://gempix.dev/problems/", bad.ToString());
                if (status is 400 or 422 && !StateRefusals.Contains(type["https://gempix.dev/problems/".Length..]))
                {
                    problem["errors"]?.AsObject().Count.Should().BeGreaterThan(0, $"{bad} answered {status} {body} without naming the field");
                    problem["errors"].Should().NotBeNull($"{bad} answered {status} {body} without naming the field");
                }

                (await StateAsync()).Should().Be(before, $"{bad} was refused ({status} {type}) and must change nothing");
            },
            iter: Cases,
            threads: 1,
            print: bad => bad.ToString());
    }

    /// <summary>What any request could change: the events and every read model and secret table beside them.</summary>
    private async Task<string> StateAsync()
    {
        await using var command = factory.Database.DataSource.CreateCommand(
            """
            SELECT concat_ws(',',
                (SELECT coalesce(max(seq), 0) FROM gempix.events), (SELECT count(*) FROM gempix.streams),
                (SELECT count(*) FROM gempix.account_emails), (SELECT count(*) FROM gempix.credentials),
                (SELECT count(*) FROM gempix.sessions WHERE revoked_at IS NULL), (SELECT count(*) FROM gempix.uploads),
                (SELECT count(*) FROM gempix.generations), (SELECT count(*) FROM gempix.privacy_requests),
                (SELECT count(*) FROM gempix.regulator_requests), (SELECT count(*) FROM gempix.jobs))
            """);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
