using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using static GemPix.Api.Tests.EndUsers.EndUserClient;

namespace GemPix.Api.Tests.EndUsers;

public sealed class UploadsApiTests(GemPixApiFactory factory) : IClassFixture<GemPixApiFactory>
{
    private static readonly Uri Uploads = new("/v1/uploads", UriKind.Relative);

    private async Task<long> StoredUploadsAsync(Guid subjectId)
    {
        await using var connection = await factory.Database.AppDataSource.OpenConnectionAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM gempix.uploads WHERE subject_id = $1", connection);
        command.Parameters.AddWithValue(subjectId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_png_is_recognised_by_its_bytes_and_answered_with_its_hash_and_size()
    {
        var person = await RegisterAsync(factory);
        var png = TestImages.Png(64, 48);

        using var response = await person.Http.PostAsync(Uploads, TestImages.Form(png, contentType: "application/octet-stream"));

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var uploaded = await response.Content.ReadFromJsonAsync<JsonElement>();
        uploaded.GetProperty("sha256").GetString().Should().Be(Convert.ToHexStringLower(SHA256.HashData(png)));
        uploaded.GetProperty("width").GetInt32().Should().Be(64);
        uploaded.GetProperty("height").GetInt32().Should().Be(48);
        uploaded.GetProperty("keep").GetBoolean().Should().BeFalse();
        (await StoredUploadsAsync(person.SubjectId)).Should().Be(1);
    }

    [Fact]
    public async Task A_jpeg_is_accepted_and_can_be_kept()
    {
        var person = await RegisterAsync(factory);

        using var response = await person.Http.PostAsync(new Uri("/v1/uploads?keep=true", UriKind.Relative), TestImages.Form(TestImages.JpegHeader(800, 600), contentType: "image/jpeg"));

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var uploaded = await response.Content.ReadFromJsonAsync<JsonElement>();
        uploaded.GetProperty("width").GetInt32().Should().Be(800);
        uploaded.GetProperty("keep").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task The_stored_file_is_encrypted()
    {
        var person = await RegisterAsync(factory);
        var png = TestImages.Png(32, 32, shade: 77);

        (await person.Http.PostAsync(Uploads, TestImages.Form(png))).EnsureSuccessStatusCode();

        var root = Path.Combine(factory.Services.GetRequiredService<Projections.Hosting.GemPixSettings>().DataDirectory, "blobs");
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories);
        files.Should().NotBeEmpty();
        foreach (var file in files)
        {
            File.ReadAllBytes(file).AsSpan().IndexOf(png.AsSpan(0, 16)).Should().Be(-1);
        }
    }

    [Theory]
    [InlineData("GIF89a-not-accepted", HttpStatusCode.UnsupportedMediaType, "unsupported-media-type")]
    [InlineData("%PDF-1.7", HttpStatusCode.UnsupportedMediaType, "unsupported-media-type")]
    [InlineData("\u0089PNG\r\n\u001a\n-truncated", HttpStatusCode.UnprocessableEntity, "malformed-image")]
    public async Task What_is_not_a_png_or_jpeg_is_refused_whatever_it_claims_to_be(string content, HttpStatusCode status, string code)
    {
        var person = await RegisterAsync(factory);

        using var response = await person.Http.PostAsync(Uploads, TestImages.Form(Encoding.Latin1.GetBytes(content)));

        await ShouldBeProblemAsync(response, status, code);
        (await StoredUploadsAsync(person.SubjectId)).Should().Be(0);
    }

    [Fact]
    public async Task A_decompression_bomb_is_refused_from_its_header()
    {
        var person = await RegisterAsync(factory);

        using var response = await person.Http.PostAsync(Uploads, TestImages.Form(TestImages.JpegHeader(60000, 60000), contentType: "image/jpeg"));

        await ShouldBeProblemAsync(response, HttpStatusCode.UnprocessableEntity, "too-many-pixels");
    }

    [Fact]
    public async Task More_than_twenty_mebibytes_is_too_large()
    {
        var person = await RegisterAsync(factory);
        var big = new byte[(20 * 1024 * 1024) + 1];
        TestImages.Png(8, 8).CopyTo(big, 0);

        using var response = await person.Http.PostAsync(Uploads, TestImages.Form(big));

        await ShouldBeProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        (await StoredUploadsAsync(person.SubjectId)).Should().Be(0);
    }

    [Fact]
    public async Task An_upload_needs_multipart_with_a_file_field()
    {
        var person = await RegisterAsync(factory);

        await ShouldBeProblemAsync(await person.Http.PostAsJsonAsync("/v1/uploads", new { file = "x" }), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        await ShouldBeProblemAsync(await person.Http.PostAsync(Uploads, TestImages.Form(TestImages.Png(4, 4), field: "image")), HttpStatusCode.UnprocessableEntity, "validation");
    }

    [Fact]
    public async Task Deleting_an_upload_shreds_it_and_another_person_cannot_even_see_it()
    {
        var owner = await RegisterAsync(factory);
        var stranger = await RegisterAsync(factory);
        using var uploaded = await owner.Http.PostAsync(Uploads, TestImages.Form(TestImages.Png(16, 16)));
        var id = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("uploadId").GetGuid();

        await ShouldBeProblemAsync(await stranger.Http.DeleteAsync(new Uri($"/v1/uploads/{id}", UriKind.Relative)), HttpStatusCode.NotFound, "upload-not-found");
        (await StoredUploadsAsync(owner.SubjectId)).Should().Be(1);

        (await owner.Http.DeleteAsync(new Uri($"/v1/uploads/{id}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await StoredUploadsAsync(owner.SubjectId)).Should().Be(0);
        await ShouldBeProblemAsync(await owner.Http.DeleteAsync(new Uri($"/v1/uploads/{id}", UriKind.Relative)), HttpStatusCode.NotFound, "upload-not-found");
        await ShouldBeProblemAsync(await owner.Http.DeleteAsync(new Uri($"/v1/uploads/{Guid.NewGuid()}", UriKind.Relative)), HttpStatusCode.NotFound, "upload-not-found");
    }
}
