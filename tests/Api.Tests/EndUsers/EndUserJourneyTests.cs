using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GemPix.Imaging;
using GemPix.Testing;

namespace GemPix.Api.Tests.EndUsers;

/// <summary>One person's whole visit, through the real host on the real database, as a client program makes it.</summary>
public sealed class EndUserJourneyTests(GemPixApiFactory factory) : IClassFixture<GemPixApiFactory>
{
    [Fact]
    public async Task Register_sign_in_consent_buy_upload_generate_poll_download_and_delete()
    {
        using var http = factory.CreateClient();
        var email = $"journey-{Guid.NewGuid():N}@example.org";

        // Register and sign in.
        using var registered = await http.PostAsJsonAsync("/v1/accounts", new { email, password = "a long journey ahead", displayName = "Grace", country = "IE", birthDate = "1995-06-01" });
        registered.StatusCode.Should().Be(HttpStatusCode.Created);
        var subjectId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("subjectId").GetGuid();
        using var signedIn = await http.PostAsJsonAsync("/v1/sessions", new { email, password = "a long journey ahead" });
        var session = await signedIn.Content.ReadFromJsonAsync<JsonElement>();
        session.GetProperty("expiresAt").GetString().Should().EndWith("Z");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("token").GetString());
        (await http.GetFromJsonAsync<JsonElement>("/v1/me")).GetProperty("subjectId").GetGuid().Should().Be(subjectId);

        // Consent to model training, buy credits.
        (await http.PutAsJsonAsync("/v1/me/consents/model-training", new { granted = true, policyVersion = 1 })).StatusCode.Should().Be(HttpStatusCode.OK);
        using var bought = await Post(http, "/v1/credits/purchases", JsonContent.Create(new { credits = 25, paymentReference = "pi_journey" }));
        bought.StatusCode.Should().Be(HttpStatusCode.Created);

        // Upload a reference image and generate from it.
        using var uploaded = await Post(http, "/v1/uploads", TestImages.Form(TestImages.Png(120, 80)));
        uploaded.StatusCode.Should().Be(HttpStatusCode.Created);
        var uploadId = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("uploadId").GetGuid();
        using var requested = await Post(http, "/v1/generations", JsonContent.Create(new { prompt = "a harbour in the fog", width = 480, height = 320, seed = 3, referenceUploadId = uploadId }));
        requested.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var queued = await requested.Content.ReadFromJsonAsync<JsonElement>();
        queued.GetProperty("status").GetString().Should().Be("queued");
        var generationId = queued.GetProperty("generationId").GetGuid();

        // Poll until the worker made it, then download.
        await using (JobWorkerRun.Start(factory))
        {
            await Eventually.HoldsAsync(
                async () => (await http.GetFromJsonAsync<JsonElement>($"/v1/generations/{generationId}")).GetProperty("status").GetString() == "succeeded",
                "the generation succeeded");
        }

        var png = await http.GetByteArrayAsync(new Uri($"/v1/generations/{generationId}/image", UriKind.Relative));
        new PngDecoder().Decode(png).Width.Should().Be(480);
        ProvenanceManifest.TryRead(png, out var manifest).Should().BeTrue();
        manifest!.GenerationId.Should().Be(generationId);
        (await http.GetFromJsonAsync<JsonElement>("/v1/credits")).GetProperty("balance").GetInt32().Should().Be(24);

        // Delete the image and the upload: both unreadable from then on.
        (await http.DeleteAsync(new Uri($"/v1/generations/{generationId}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await http.DeleteAsync(new Uri($"/v1/uploads/{uploadId}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await http.GetAsync(new Uri($"/v1/generations/{generationId}/image", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await http.GetFromJsonAsync<JsonElement>("/v1/generations")).GetProperty("items").GetArrayLength().Should().Be(0);

        await using var connection = await factory.Database.AppDataSource.OpenConnectionAsync();
        await using var prompts = new Npgsql.NpgsqlCommand("SELECT count(*) FROM gempix.events WHERE data::text LIKE '%harbour%' OR data::text LIKE '%' || $1 || '%'", connection);
        prompts.Parameters.AddWithValue(email);
        ((long)(await prompts.ExecuteScalarAsync())!).Should().Be(0);
        await using var types = new Npgsql.NpgsqlCommand("SELECT array_agg(DISTINCT type) FROM gempix.events WHERE subject_id = $1", connection);
        types.Parameters.AddWithValue(subjectId);
        ((string[])(await types.ExecuteScalarAsync())!).Should().Contain(
        [
            "account-registered", "session-started", "consent-given", "credits-purchased", "upload-received", "generation-requested", "credits-reserved",
            "generation-started", "generation-succeeded", "reserved-credits-consumed", "generation-deleted", "upload-deleted", "asset-shredded",
        ]);
    }

    /// <summary>Every POST of a careful client carries an Idempotency-Key, so that a retry after a timeout is safe.</summary>
    private static Task<HttpResponseMessage> Post(HttpClient http, string path, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return http.SendAsync(request);
    }
}
