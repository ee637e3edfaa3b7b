using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GemPix.Imaging;
using GemPix.Testing;
using static GemPix.Api.Tests.EndUsers.EndUserClient;

namespace GemPix.Api.Tests.EndUsers;

public sealed class GenerationsApiTests(GemPixApiFactory factory) : IClassFixture<GemPixApiFactory>
{
    private async Task<EndUserClient> WithCreditsAsync(int credits)
    {
        var person = await RegisterAsync(factory);
        (await person.Http.PostAsJsonAsync("/v1/credits/purchases", new { credits, paymentReference = "pi_gen" })).EnsureSuccessStatusCode();
        return person;
    }

    private static async Task<Guid> RequestAsync(EndUserClient person, object body)
    {
        using var response = await person.Http.PostAsJsonAsync("/v1/generations", body);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("generationId").GetGuid();
    }

    private static Task<JsonElement> FinishedAsync(EndUserClient person, Guid id) => FinishedAsync(person, id, "succeeded");

    private static async Task<JsonElement> FinishedAsync(EndUserClient person, Guid id, string status)
    {
        JsonElement generation = default;
        await Eventually.HoldsAsync(
            async () => (generation = await person.GetJsonAsync($"/v1/generations/{id}")).GetProperty("status").GetString() == status,
            $"generation {status}");
        return generation;
    }

    [Fact]
    public async Task A_generation_is_queued_made_and_downloaded_as_a_png_with_its_provenance_and_its_credits_are_spent()
    {
        var person = await WithCreditsAsync(10);
        var id = await RequestAsync(person, new { prompt = "a lighthouse at dusk, oil on canvas", width = 320, height = 200, seed = 42 });

        var queued = await person.GetJsonAsync($"/v1/generations/{id}");
        queued.GetProperty("prompt").GetString().Should().Be("a lighthouse at dusk, oil on canvas");
        (await person.GetJsonAsync("/v1/credits")).GetProperty("reserved").GetInt32().Should().Be(1);

        await using (JobWorkerRun.Start(factory))
        {
            var done = await FinishedAsync(person, id);
            done.GetProperty("imageUrl").GetString().Should().Be($"/v1/generations/{id}/image");
        }

        using var image = await person.Http.GetAsync(new Uri($"/v1/generations/{id}/image", UriKind.Relative));
        image.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        var png = await image.Content.ReadAsByteArrayAsync();
        var decoded = new PngDecoder().Decode(png);
        (decoded.Width, decoded.Height).Should().Be((320, 200));
        ProvenanceManifest.TryRead(png, out var manifest).Should().BeTrue();
        manifest!.GenerationId.Should().Be(id);
        manifest.DigitalSourceType.Should().Be("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia");
        Encoding.UTF8.GetString(png).Should().NotContain("lighthouse").And.NotContain(person.SubjectId.ToString());
        var credits = await person.GetJsonAsync("/v1/credits");
        (credits.GetProperty("balance").GetInt32(), credits.GetProperty("reserved").GetInt32()).Should().Be((9, 0));
        (await person.GetJsonAsync("/v1/generations")).GetProperty("items").EnumerateArray().Select(g => g.GetProperty("generationId").GetGuid()).Should().Equal(id);
    }

    [Fact]
    public async Task Without_enough_credits_the_request_is_refused_with_402_and_nothing_is_queued()
    {
        var person = await WithCreditsAsync(1);

        using var response = await person.Http.PostAsJsonAsync("/v1/generations", new { prompt = "a 4K skyline", width = 3840, height = 2160 });

        await ShouldBeProblemAsync(response, HttpStatusCode.PaymentRequired, "insufficient-credits");
        (await person.GetJsonAsync("/v1/generations")).GetProperty("items").GetArrayLength().Should().Be(0);
        (await person.GetJsonAsync("/v1/credits")).GetProperty("balance").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task Concurrent_requests_never_spend_more_credits_than_there_are()
    {
        var person = await WithCreditsAsync(5);

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => person.Http.PostAsJsonAsync("/v1/generations", new { prompt = $"tile {i}", width = 64, height = 64 })));

        answers.Count(a => a.StatusCode == HttpStatusCode.Accepted).Should().Be(5);
        answers.Count(a => a.StatusCode == HttpStatusCode.PaymentRequired).Should().Be(11);
        var credits = await person.GetJsonAsync("/v1/credits");
        (credits.GetProperty("balance").GetInt32(), credits.GetProperty("reserved").GetInt32()).Should().Be((0, 5));
        await using var row = factory.Database.DataSource.CreateCommand(
            $"SELECT b.available, b.version = s.version FROM gempix.credit_balances b JOIN gempix.streams s ON s.subject_id = b.subject_id AND s.type = 'credits' WHERE b.subject_id = '{person.SubjectId}'");
        await using var reader = await row.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        (reader.GetInt32(0), reader.GetBoolean(1)).Should().Be((0, true), "the balance row follows the credit stream event by event");
    }

    [Theory]
    [InlineData("{\"prompt\":\"\",\"width\":64,\"height\":64}", HttpStatusCode.UnprocessableEntity, "invalid-prompt")]
    [InlineData("{\"prompt\":\"   \",\"width\":64,\"height\":64}", HttpStatusCode.UnprocessableEntity, "invalid-prompt")]
    [InlineData("{\"prompt\":\"bell \\u0007\",\"width\":64,\"height\":64}", HttpStatusCode.UnprocessableEntity, "invalid-prompt")]
    [InlineData("{\"prompt\":\"p\",\"width\":0,\"height\":64}", HttpStatusCode.UnprocessableEntity, "invalid-dimensions")]
    [InlineData("{\"prompt\":\"p\",\"width\":-64,\"height\":64}", HttpStatusCode.UnprocessableEntity, "invalid-dimensions")]
    [InlineData("{\"prompt\":\"p\",\"width\":3841,\"height\":2160}", HttpStatusCode.UnprocessableEntity, "invalid-dimensions")]
    [InlineData("{\"prompt\":\"p\",\"width\":2147483647,\"height\":2147483647}", HttpStatusCode.UnprocessableEntity, "invalid-dimensions")]
    [InlineData("{\"prompt\":\"p\",\"width\":64,\"height\":64,\"seed\":-1}", HttpStatusCode.UnprocessableEntity, "invalid-seed")]
    [InlineData("{\"prompt\":\"p\",\"width\":\"64\",\"height\":64}", HttpStatusCode.BadRequest, "bad-request")]
    [InlineData("{\"prompt\":\"p\",\"width\":64.5,\"height\":64}", HttpStatusCode.BadRequest, "bad-request")]
    [InlineData("{\"prompt\":\"p\",\"width\":99999999999,\"height\":64}", HttpStatusCode.BadRequest, "bad-request")]
    [InlineData("{\"prompt\":\"p\"", HttpStatusCode.BadRequest, "bad-request")]
    [InlineData("{\"width\":64,\"height\":64}", HttpStatusCode.UnprocessableEntity, "validation")]
    public async Task Bad_requests_get_a_problem_and_spend_nothing(string body, HttpStatusCode status, string code)
    {
        var person = await WithCreditsAsync(3);

        using var response = await person.Http.PostAsync(new Uri("/v1/generations", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        await ShouldBeProblemAsync(response, status, code);
        (await person.GetJsonAsync("/v1/credits")).GetProperty("balance").GetInt32().Should().Be(3);
    }

    [Fact]
    public async Task A_prompt_of_two_thousand_emoji_passes_and_one_more_does_not()
    {
        var person = await WithCreditsAsync(3);

        (await person.Http.PostAsJsonAsync("/v1/generations", new { prompt = string.Concat(Enumerable.Repeat("🦊", 2000)), width = 64, height = 64 })).StatusCode
            .Should().Be(HttpStatusCode.Accepted);
        await ShouldBeProblemAsync(
            await person.Http.PostAsJsonAsync("/v1/generations", new { prompt = string.Concat(Enumerable.Repeat("🦊", 2001)), width = 64, height = 64 }),
            HttpStatusCode.UnprocessableEntity,
            "invalid-prompt");
    }

    [Fact]
    public async Task Another_person_s_generation_does_not_exist_for_them()
    {
        var owner = await WithCreditsAsync(2);
        var stranger = await WithCreditsAsync(2);
        var id = await RequestAsync(owner, new { prompt = "mine", width = 64, height = 64 });

        foreach (var path in new[] { $"/v1/generations/{id}", $"/v1/generations/{id}/image" })
        {
            await ShouldBeProblemAsync(await stranger.Http.GetAsync(new Uri(path, UriKind.Relative)), HttpStatusCode.NotFound, "generation-not-found");
        }

        await ShouldBeProblemAsync(await stranger.Http.DeleteAsync(new Uri($"/v1/generations/{id}", UriKind.Relative)), HttpStatusCode.NotFound, "generation-not-found");
        (await owner.GetJsonAsync($"/v1/generations/{id}")).GetProperty("prompt").GetString().Should().Be("mine");
    }

    [Fact]
    public async Task An_image_is_not_there_before_it_is_made()
    {
        var person = await WithCreditsAsync(2);
        var id = await RequestAsync(person, new { prompt = "soon", width = 64, height = 64 });

        await ShouldBeProblemAsync(await person.Http.GetAsync(new Uri($"/v1/generations/{id}/image", UriKind.Relative)), HttpStatusCode.Conflict, "generation-not-ready");
    }

    [Fact]
    public async Task Deleting_a_queued_generation_gives_its_credits_back_and_the_worker_makes_nothing()
    {
        var person = await WithCreditsAsync(2);
        var id = await RequestAsync(person, new { prompt = "never mind", width = 64, height = 64 });

        (await person.Http.DeleteAsync(new Uri($"/v1/generations/{id}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var credits = await person.GetJsonAsync("/v1/credits");
        (credits.GetProperty("balance").GetInt32(), credits.GetProperty("reserved").GetInt32()).Should().Be((2, 0));
        await ShouldBeProblemAsync(await person.Http.GetAsync(new Uri($"/v1/generations/{id}", UriKind.Relative)), HttpStatusCode.NotFound, "generation-not-found");
        await ShouldBeProblemAsync(await person.Http.DeleteAsync(new Uri($"/v1/generations/{id}", UriKind.Relative)), HttpStatusCode.NotFound, "generation-not-found");
    }

    [Fact]
    public async Task A_generation_that_keeps_failing_is_dead_lettered_and_its_credits_are_refunded()
    {
        var person = await WithCreditsAsync(4);
        var id = await RequestAsync(person, new { prompt = "cursed", width = 64, height = 64 });

        await using (JobWorkerRun.Start(factory, new FailingModel()))
        {
            var failed = await FinishedAsync(person, id, "failed");
            failed.GetProperty("attempts").GetInt32().Should().Be(3);
            failed.GetProperty("failure").GetString().Should().Be("dead-lettered");
        }

        var credits = await person.GetJsonAsync("/v1/credits");
        (credits.GetProperty("balance").GetInt32(), credits.GetProperty("reserved").GetInt32()).Should().Be((4, 0));
    }

    [Fact]
    public async Task A_png_upload_guides_the_image_and_a_jpeg_cannot()
    {
        var person = await WithCreditsAsync(3);
        using var png = await person.Http.PostAsync(new Uri("/v1/uploads", UriKind.Relative), TestImages.Form(TestImages.Png(96, 64)));
        var pngId = (await png.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("uploadId").GetGuid();
        using var jpeg = await person.Http.PostAsync(new Uri("/v1/uploads", UriKind.Relative), TestImages.Form(TestImages.JpegHeader(96, 64), contentType: "image/jpeg"));
        var jpegId = (await jpeg.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("uploadId").GetGuid();

        await ShouldBeProblemAsync(
            await person.Http.PostAsJsonAsync("/v1/generations", new { prompt = "p", width = 64, height = 64, referenceUploadId = jpegId }),
            HttpStatusCode.UnprocessableEntity,
            "reference-must-be-png");
        await ShouldBeProblemAsync(
            await person.Http.PostAsJsonAsync("/v1/generations", new { prompt = "p", width = 64, height = 64, referenceUploadId = Guid.NewGuid() }),
            HttpStatusCode.NotFound,
            "upload-not-found");
        var id = await RequestAsync(person, new { prompt = "in the style of the upload", width = 96, height = 64, referenceUploadId = pngId });
        await using (JobWorkerRun.Start(factory))
        {
            (await FinishedAsync(person, id)).GetProperty("referenceUploadId").GetGuid().Should().Be(pngId);
        }
    }

    [Fact]
    public async Task The_provenance_check_knows_our_images_by_manifest_and_after_stripping_by_fingerprint()
    {
        var person = await WithCreditsAsync(2);
        var id = await RequestAsync(person, new { prompt = "a red bicycle", width = 256, height = 256, seed = 7 });
        await using (JobWorkerRun.Start(factory))
        {
            await FinishedAsync(person, id);
        }

        var png = await person.Http.GetByteArrayAsync(new Uri($"/v1/generations/{id}/image", UriKind.Relative));
        using var anonymous = factory.CreateClient();

        var byManifest = await CheckAsync(anonymous, png);
        byManifest.GetProperty("generatedByGemPix").GetBoolean().Should().BeTrue();
        byManifest.GetProperty("matchedBy").GetString().Should().Be("manifest");
        byManifest.GetProperty("manifest").GetProperty("generationId").GetGuid().Should().Be(id);

        var stripped = new PngEncoder().Encode(new PngDecoder().Decode(png));
        ProvenanceManifest.TryRead(stripped, out _).Should().BeFalse();
        var byFingerprint = await CheckAsync(anonymous, stripped);
        byFingerprint.GetProperty("generatedByGemPix").GetBoolean().Should().BeTrue();
        byFingerprint.GetProperty("matchedBy").GetString().Should().Be("fingerprint");

        var unrelated = await CheckAsync(anonymous, TestImages.Png(256, 256, shade: 200));
        unrelated.GetProperty("generatedByGemPix").GetBoolean().Should().BeFalse();
        unrelated.GetProperty("matchedBy").ValueKind.Should().Be(JsonValueKind.Null);
    }

    private static async Task<JsonElement> CheckAsync(HttpClient http, byte[] png)
    {
        using var response = await http.PostAsync(new Uri("/v1/provenance/check", UriKind.Relative), TestImages.Form(png));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private sealed class FailingModel : IImageModel
    {
        public string Name => "failing";

        public string Version => "0";

        public ValueTask<RgbImage> GenerateAsync(ImageRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the model is broken");
    }
}
