using System.Net.Http.Json;
using GemPix.EventStore.Projections;
using Microsoft.Extensions.DependencyInjection;

namespace GemPix.Api.Tests.EndUsers;

public sealed class InlineRebuildTests(GemPixApiFactory factory) : IClassFixture<GemPixApiFactory>
{
    private async Task<List<string>> RowsAsync(string table)
    {
        await using var command = factory.Database.DataSource.CreateCommand($"SELECT t::text FROM {table} t ORDER BY t::text");
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    [Fact]
    public async Task Every_inline_read_model_rebuilt_from_the_events_is_what_the_appends_kept()
    {
        var person = await EndUserClient.RegisterAsync(factory);
        var erased = await EndUserClient.RegisterAsync(factory);
        (await person.Http.PatchAsJsonAsync("/v1/me", new { displayName = "Renamed" })).EnsureSuccessStatusCode();
        (await person.Http.PostAsJsonAsync("/v1/credits/purchases", new { credits = 5, paymentReference = "pi_r" })).EnsureSuccessStatusCode();
        (await person.Http.PostAsync(new Uri("/v1/uploads?keep=true", UriKind.Relative), TestImages.Form(TestImages.Png(8, 8)))).EnsureSuccessStatusCode();
        (await person.Http.PostAsJsonAsync("/v1/generations", new { prompt = "rebuild me", width = 64, height = 64 })).EnsureSuccessStatusCode();
        await using (JobWorkerRun.Start(factory))
        {
            await Testing.Eventually.HoldsAsync(
                async () => (await person.GetJsonAsync("/v1/generations")).GetProperty("items")[0].GetProperty("status").GetString() == "succeeded", "made");
        }

        (await person.Http.PostAsJsonAsync("/v1/privacy-requests", new { type = "objection" })).EnsureSuccessStatusCode();
        (await erased.Http.PostAsJsonAsync("/v1/privacy-requests", new { type = "erasure" })).EnsureSuccessStatusCode();
        var models = factory.Services.GetServices<IInlineProjection>().OfType<IRebuildableInlineProjection>().ToList();
        models.Select(m => m.Name).Should().Contain(["account_emails", "uploads", "generations", "privacy_requests", "regulator_requests"]);
        var before = new Dictionary<string, List<string>>();
        foreach (var table in models.SelectMany(m => m.Tables))
        {
            before[table] = await RowsAsync(table);
        }

        await factory.Database.ExecuteAsync(
            "DELETE FROM gempix.uploads; UPDATE gempix.generations SET status = 'failed'; DELETE FROM gempix.account_emails; DELETE FROM gempix.image_fingerprints");

        foreach (var model in models)
        {
            await factory.Services.GetRequiredService<InlineProjectionRebuild>().RebuildAsync(model, null, default);
        }

        foreach (var (table, rows) in before)
        {
            (await RowsAsync(table)).Should().Equal(rows, table);
        }

        before["gempix.account_emails"].Should().HaveCountGreaterThanOrEqualTo(1);
    }
}
