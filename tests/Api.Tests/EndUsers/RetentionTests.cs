using System.Net.Http.Json;
using System.Text.Json;
using GemPix.Api.ApiAccess;
using GemPix.Domain.Credits;
using GemPix.Domain.Uploads;
using GemPix.EventStore;
using GemPix.Projections.Handling;
using GemPix.Projections.Retention;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace GemPix.Api.Tests.EndUsers;

public sealed class RetentionTests(GemPixApiFactory factory) : IClassFixture<GemPixApiFactory>
{
    private static readonly Duration Tick = Duration.FromTicks(1);

    private RetentionEnforcer Enforcer => factory.Services.GetRequiredService<RetentionEnforcer>();

    private async Task<Instant> InstantAsync(string sql, Guid id)
    {
        await using var connection = await factory.Database.AppDataSource.OpenConnectionAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(id);
        return Instant.FromDateTimeUtc((DateTime)(await command.ExecuteScalarAsync())!);
    }

    private static int Count(RetentionReport report, string retentionClass) => report.Lines.Single(l => l.RetentionClass == retentionClass).Count;

    private static async Task<Guid> UploadAsync(EndUserClient person, bool keep)
    {
        using var response = await person.Http.PostAsync(new Uri($"/v1/uploads?keep={(keep ? "true" : "false")}", UriKind.Relative), TestImages.Form(TestImages.Png(8, 8)));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("uploadId").GetGuid();
    }

    [Fact]
    public async Task A_transient_upload_goes_exactly_24_hours_after_its_receipt_a_kept_one_stays_and_a_second_run_purges_nothing()
    {
        var person = await EndUserClient.RegisterAsync(factory);
        var transient = await UploadAsync(person, keep: false);
        var kept = await UploadAsync(person, keep: true);
        var received = await InstantAsync("SELECT received_at FROM gempix.uploads WHERE id = $1", transient);
        var clock = new Testing.FakeClock(received + Duration.FromHours(24) - Tick);
        var run = new RetentionRun(factory.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(), Enforcer, clock);
        var store = factory.Services.GetRequiredService<PostgresEventStore>();
        async Task<UploadState> StateOfAsync(Guid upload) => (await store.AggregateStreamAsync(upload, Deciders.Upload.Initial, Deciders.Upload.Evolve)).State;

        await run.TryRunNowAsync(dryRun: false, default);
        (await StateOfAsync(transient)).Should().BeOfType<UploadState.Stored>("one tick before the limit it stays");

        clock.Advance(Tick);
        Count((await run.TryRunNowAsync(dryRun: true, default))!, "transient-uploads").Should().BeGreaterThanOrEqualTo(1);
        (await StateOfAsync(transient)).Should().BeOfType<UploadState.Stored>("a dry run purges nothing");
        await run.TryRunNowAsync(dryRun: false, default);

        var events = await store.ReadStreamAsync(transient).Select(e => e.Data).ToListAsync();
        events.OfType<UploadDeleted>().Should().ContainSingle().Which.Reason.Should().Be(UploadDeletionReason.Retention);
        ((UploadReceived)events[0]).Sha256.IsErased.Should().BeTrue("its key was destroyed");
        (await StateOfAsync(kept)).Should().BeOfType<UploadState.Stored>("a kept upload stays");

        clock.Advance(Tick);
        await run.TryRunNowAsync(dryRun: false, default);
        (await store.ReadStreamAsync(transient).Select(e => e.Data).OfType<UploadDeleted>().CountAsync()).Should().Be(1, "a second run purges nothing");
    }

    [Fact]
    public async Task An_upload_is_kept_while_a_generation_needs_it()
    {
        var person = await EndUserClient.RegisterAsync(factory);
        (await person.Http.PostAsJsonAsync("/v1/credits/purchases", new { credits = 2, paymentReference = "pi_u" })).EnsureSuccessStatusCode();
        var upload = await UploadAsync(person, keep: false);
        (await person.Http.PostAsJsonAsync("/v1/generations", new { prompt = "p", width = 64, height = 64, referenceUploadId = upload })).EnsureSuccessStatusCode();
        var received = await InstantAsync("SELECT received_at FROM gempix.uploads WHERE id = $1", upload);

        await Enforcer.RunAsync(received + Duration.FromDays(3), dryRun: false, default);

        (await factory.Services.GetRequiredService<PostgresEventStore>().AggregateStreamAsync(upload, Deciders.Upload.Initial, Deciders.Upload.Evolve)).State
            .Should().BeOfType<UploadState.Stored>("the queued generation still needs it");
    }

    [Fact]
    public async Task A_session_goes_at_its_expiry_not_a_tick_before()
    {
        var person = await EndUserClient.RegisterAsync(factory);
        var expires = await InstantAsync("SELECT max(expires_at) FROM gempix.sessions WHERE subject_id = $1", person.SubjectId);

        await Enforcer.RunAsync(expires - Tick, dryRun: false, default);
        (await person.Http.GetAsync(new Uri("/v1/me", UriKind.Relative))).IsSuccessStatusCode.Should().BeTrue();

        await Enforcer.RunAsync(expires, dryRun: false, default);
        (await person.Http.GetAsync(new Uri("/v1/me", UriKind.Relative))).StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Access_log_partitions_older_than_the_window_are_dropped_whole_and_younger_ones_stay()
    {
        var person = await EndUserClient.RegisterAsync(factory);
        (await person.Http.GetAsync(new Uri($"/v1/me?email={Uri.EscapeDataString(person.Email)}", UriKind.Relative))).EnsureSuccessStatusCode();
        var writer = factory.Services.GetRequiredService<ApiAccessLogWriter>();
        await writer.FlushAsync(default);
        var old = new LocalDate(2020, 3, 1);
        await writer.EnsurePartitionsAsync(old, 2, default);
        await using (var connection = await factory.Database.AppDataSource.OpenConnectionAsync())
        {
            await using var insert = new Npgsql.NpgsqlCommand("INSERT INTO gempix.api_access_log VALUES ('2020-03-01 12:00+00', 'GET', '/v1/me', 200, NULL, '203.0.113.0')", connection);
            await insert.ExecuteNonQueryAsync();
            await using var logged = new Npgsql.NpgsqlCommand("SELECT route, network::text FROM gempix.api_access_log WHERE subject_id = $1", connection);
            logged.Parameters.AddWithValue(person.SubjectId);
            await using var reader = await logged.ExecuteReaderAsync();
            (await reader.ReadAsync()).Should().BeTrue("the request was logged");
            reader.GetString(0).Should().Be("/v1/me/", "the route's template, never the path with its query");
        }

        var endOfFirstDay = old.PlusDays(1).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        var limit = endOfFirstDay + Duration.FromDays(30);
        Count(await Enforcer.RunAsync(limit - Tick, dryRun: false, default), "api-access-log").Should().Be(0);
        var dropped = (await Enforcer.RunAsync(limit, dryRun: false, default)).Lines.Single(l => l.RetentionClass == "api-access-log");
        dropped.Items.Should().Equal(new RetentionItem(RetentionItem.AccessLogPartition, "2020-03-01"));
        Count(await Enforcer.RunAsync(limit, dryRun: false, default), "api-access-log").Should().Be(0, "a second run drops nothing");
        await using var rest = factory.Database.DataSource.CreateCommand("SELECT count(*) FROM gempix.api_access_log WHERE at >= now() - interval '1 day'");
        ((long)(await rest.ExecuteScalarAsync())!).Should().BeGreaterThan(0, "today's partition stays");
    }

    [Fact]
    public async Task Billing_is_shredded_when_its_retention_ends_with_a_certificate_of_its_own()
    {
        var person = await EndUserClient.RegisterAsync(factory);
        (await person.Http.PostAsJsonAsync("/v1/credits/purchases", new { credits = 2, paymentReference = "pi_ten_years" })).EnsureSuccessStatusCode();
        await using var connection = await factory.Database.DataSource.OpenConnectionAsync();
        await using var until = new Npgsql.NpgsqlCommand("SELECT retain_until FROM gempix_vault.keys WHERE subject_id = $1 AND scope = 'billing'", connection);
        until.Parameters.AddWithValue(person.SubjectId);
        var retainUntil = Instant.FromDateTimeUtc((DateTime)(await until.ExecuteScalarAsync())!);

        var before = await Enforcer.RunAsync(retainUntil - Tick, dryRun: false, default);
        before.Lines.Single(l => l.RetentionClass == "billing").Items.Should().BeEmpty();

        var at = await Enforcer.RunAsync(retainUntil, dryRun: false, default);

        at.Lines.Single(l => l.RetentionClass == "billing").Items.Should()
            .Contain(i => i.Kind == RetentionItem.BillingKey && i.Id == person.SubjectId.ToString() && i.Certificate != null);
        var purchase = await factory.Services.GetRequiredService<PostgresEventStore>().ReadStreamAsync(SubjectStreams.Credits(person.SubjectId))
            .Select(e => e.Data).OfType<CreditsPurchased>().SingleAsync();
        purchase.PaymentReference.IsErased.Should().BeTrue();
        (await Enforcer.RunAsync(retainUntil + Tick, dryRun: false, default)).Lines.Single(l => l.RetentionClass == "billing").Count.Should().Be(0);
    }

    [Fact]
    public async Task One_retention_run_at_a_time_across_processes()
    {
        var run = factory.Services.GetRequiredService<RetentionRun>();
        var now = SystemClock.Instance.GetCurrentInstant();
        await using (var elsewhere = new SessionLockOwnership(factory.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(), RetentionRun.Resource))
        {
            (await elsewhere.TryAcquireAsync(default)).Should().BeTrue();

            (await run.TryRunAsync(now, dryRun: true, default)).Should().BeNull();
        }

        (await run.TryRunAsync(now, dryRun: true, default)).Should().NotBeNull();
    }
}
