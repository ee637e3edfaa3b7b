using System.Net;
using System.Net.Http.Json;
using GemPix.Domain.Accounts;
using GemPix.Projections.Accounts;
using GemPix.Protection.Accounts;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static GemPix.Api.Tests.EndUsers.EndUserClient;

namespace GemPix.Api.Tests.EndUsers;

/// <summary>Failed sign-ins are counted per email address (its blind index), on a clock the test moves.</summary>
public sealed class SignInThrottleTests(ClockedApiFactory factory) : IClassFixture<ClockedApiFactory>
{
    private async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        using var http = factory.CreateClient();
        return await http.PostAsJsonAsync("/v1/sessions", new { email, password });
    }

    private async Task FailAsync(string email, int times)
    {
        for (var i = 0; i < times; i++)
        {
            await ShouldBeProblemAsync(await SignInAsync(email, "a wrong guess " + i), HttpStatusCode.Unauthorized, "invalid-credentials");
        }
    }

    private static async Task ShouldBeThrottledAsync(HttpResponseMessage response, int retryAfterSeconds)
    {
        await ShouldBeProblemAsync(response, HttpStatusCode.TooManyRequests, "too-many-sign-in-attempts");
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(retryAfterSeconds));
    }

    [Fact]
    public async Task After_five_failures_even_the_right_password_waits_a_minute_then_signs_in()
    {
        var person = await RegisterAsync(factory);
        await FailAsync(person.Email, 5);

        await ShouldBeThrottledAsync(await SignInAsync(person.Email, "a sixth guess"), 60);
        await ShouldBeThrottledAsync(await SignInAsync(person.Email, person.Password), 60);
        factory.Clock.Advance(Duration.FromSeconds(59));
        await ShouldBeThrottledAsync(await SignInAsync(person.Email, person.Password), 1);

        factory.Clock.Advance(Duration.FromSeconds(1));
        (await SignInAsync(person.Email, person.Password)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Each_failure_past_the_fifth_doubles_the_wait()
    {
        var person = await RegisterAsync(factory);
        await FailAsync(person.Email, 5);

        factory.Clock.Advance(Duration.FromMinutes(1));
        await FailAsync(person.Email, 1);
        await ShouldBeThrottledAsync(await SignInAsync(person.Email, person.Password), 120);
        factory.Clock.Advance(Duration.FromMinutes(2));
        await FailAsync(person.Email, 1);
        await ShouldBeThrottledAsync(await SignInAsync(person.Email, person.Password), 240);
    }

    [Fact]
    public async Task An_address_without_an_account_is_throttled_exactly_the_same()
    {
        var nobody = $"nobody-{Guid.NewGuid():N}@example.org";
        await FailAsync(nobody, 5);

        await ShouldBeThrottledAsync(await SignInAsync(nobody, "a sixth guess"), 60);
        await ShouldBeThrottledAsync(await SignInAsync("  " + nobody.ToUpperInvariant(), "the same address, written otherwise"), 60);
    }

    [Fact]
    public async Task A_success_clears_the_failures()
    {
        var person = await RegisterAsync(factory);
        await FailAsync(person.Email, 4);

        (await SignInAsync(person.Email, person.Password)).StatusCode.Should().Be(HttpStatusCode.OK);

        await FailAsync(person.Email, 5);
        await ShouldBeThrottledAsync(await SignInAsync(person.Email, person.Password), 60);
    }

    [Fact]
    public async Task Failures_are_forgotten_fifteen_minutes_after_the_last_one()
    {
        var person = await RegisterAsync(factory);
        await FailAsync(person.Email, 4);

        factory.Clock.Advance(Duration.FromMinutes(15));

        await FailAsync(person.Email, 4);
        (await SignInAsync(person.Email, person.Password)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Failures_are_kept_by_the_blind_index_of_the_address_never_the_address()
    {
        var person = await RegisterAsync(factory);
        await FailAsync(person.Email, 2);

        await using var command = factory.Database.AppDataSource.CreateCommand("SELECT blind_index, failures FROM gempix.sign_in_failures WHERE blind_index = $1");
        command.Parameters.AddWithValue(factory.Services.GetRequiredService<EmailBlindIndex>().Of(person.Email));
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        reader.GetFieldValue<byte[]>(0).Should().HaveCount(32);
        reader.GetInt32(1).Should().Be(2);
    }

    [Fact]
    public async Task Attempts_at_once_on_two_nodes_sharing_the_database_let_only_five_through()
    {
        var email = $"flood-{Guid.NewGuid():N}@example.org";
        var node = factory.Services.GetRequiredService<SignInAttempts>();
        var otherNode = new SignInAttempts(factory.Database.AppDataSource, factory.Services.GetRequiredService<EmailBlindIndex>(), factory.Clock);

        var admissions = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => (i % 2 == 0 ? node : otherNode).AdmitAsync(email, default)));

        admissions.OfType<SignInAdmission.Admit>().Should().HaveCount(SignInThrottle.FreeAttempts);
        admissions.OfType<SignInAdmission.Refuse>().Should().HaveCount(24 - SignInThrottle.FreeAttempts);
    }
}
