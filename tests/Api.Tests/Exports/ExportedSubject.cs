using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GemPix.Api.Tests.EndUsers;
using GemPix.Domain.Audit;
using GemPix.EventStore;
using GemPix.Projections.Exports;
using GemPix.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace GemPix.Api.Tests.Exports;

/// <summary>
/// A person with a bit of everything, made through the real API and the generation worker: a corrected profile,
/// consents, a purchase, a kept PNG, a kept JPEG, a deleted upload, a generated image and a regulator's read of their
/// data; another person beside them; and the first person's export, made once for the tests that read it.
/// </summary>
public sealed class ExportedSubject : IAsyncLifetime
{
    public const string Prompt = "a lighthouse of green glass at dawn";
    public const string OtherPrompt = "a walled garden only the other person knows";
    public const string DisplayName = "<script>alert('export')</script>";
    public const string PaymentReference = "pi_export_person";

    public GemPixApiFactory Factory { get; } = new();

    public EndUserClient Person { get; private set; } = null!;

    public EndUserClient Other { get; private set; } = null!;

    public byte[] KeptPng { get; } = TestImages.Png(40, 30, shade: 7);

    public byte[] KeptJpeg { get; } = TestImages.JpegHeader(800, 600);

    public Guid KeptUploadId { get; private set; }

    public Guid JpegUploadId { get; private set; }

    public Guid DeletedUploadId { get; private set; }

    public Guid GenerationId { get; private set; }

    public Guid RequestId { get; } = Guid.NewGuid();

    public ExportManifest Manifest { get; private set; } = null!;

    /// <summary>The archive's entries by path, as a person's unzip would give them.</summary>
    public IReadOnlyDictionary<string, byte[]> Entries { get; private set; } = null!;

    public JsonElement Json(string path) => JsonDocument.Parse(Entries[path]).RootElement;

    public async Task InitializeAsync()
    {
        await Factory.InitializeAsync();
        Person = await EndUserClient.RegisterAsync(Factory);
        Other = await EndUserClient.RegisterAsync(Factory);
        (await Person.Http.PatchAsJsonAsync("/v1/me", new { displayName = DisplayName })).EnsureSuccessStatusCode();
        (await Person.Http.PutAsJsonAsync("/v1/me/consents/model-training", new { granted = true, policyVersion = 1 })).EnsureSuccessStatusCode();
        (await Person.Http.PutAsJsonAsync("/v1/me/consents/marketing", new { granted = false, policyVersion = 1 })).EnsureSuccessStatusCode();
        (await Person.Http.PostAsJsonAsync("/v1/credits/purchases", new { credits = 10, paymentReference = PaymentReference })).EnsureSuccessStatusCode();
        (await Other.Http.PostAsJsonAsync("/v1/credits/purchases", new { credits = 10, paymentReference = "pi_export_other" })).EnsureSuccessStatusCode();

        KeptUploadId = await UploadAsync(TestImages.Form(KeptPng));
        JpegUploadId = await UploadAsync(TestImages.Form(KeptJpeg, contentType: "image/jpeg"));
        DeletedUploadId = await UploadAsync(TestImages.Form(TestImages.Png(20, 20, shade: 99)));
        (await Person.Http.DeleteAsync(new Uri($"/v1/uploads/{DeletedUploadId}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NoContent);

        GenerationId = await GenerateAsync(Person, Prompt);
        var otherGeneration = await GenerateAsync(Other, OtherPrompt);
        await using (JobWorkerRun.Start(Factory))
        {
            await SucceededAsync(Person, GenerationId);
            await SucceededAsync(Other, otherGeneration);
        }

        await RecordRegulatorReadAsync();
        await ExportAsync();
    }

    async Task IAsyncLifetime.DisposeAsync() => await ((IAsyncLifetime)Factory).DisposeAsync();

    private async Task<Guid> UploadAsync(MultipartFormDataContent form)
    {
        using var response = await Person.Http.PostAsync(new Uri("/v1/uploads?keep=true", UriKind.Relative), form);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("uploadId").GetGuid();
    }

    private static async Task<Guid> GenerateAsync(EndUserClient person, string prompt)
    {
        using var response = await person.Http.PostAsJsonAsync("/v1/generations", new { prompt, width = 96, height = 64, seed = 5 });
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("generationId").GetGuid();
    }

    private static Task SucceededAsync(EndUserClient person, Guid generationId) => Eventually.HoldsAsync(
        async () => (await person.GetJsonAsync($"/v1/generations/{generationId}")).GetProperty("status").GetString() == "succeeded",
        "the generation succeeded");

    /// <summary>What the regulator's route will record: the subject later sees it in the access log.</summary>
    private async Task RecordRegulatorReadAsync()
    {
        var store = Factory.Services.GetRequiredService<PostgresEventStore>();
        var read = new SubjectDataAccessed(
            Person.SubjectId, "regulator", "key-7", "GDPR Art. 58(1)(e), case DPA-2026-17", "GET /v1/regulator/requests/{id}/export",
            Factory.Services.GetRequiredService<IClock>().GetCurrentInstant());
        await store.AppendAsync(new StreamAppend(
            Guid.NewGuid(), "access-log", Person.SubjectId, ExpectedVersion.NoStream,
            [PendingEvent.Create(read, new EventMetadata(null, null, "regulator", "key-7"))]));
    }

    private async Task ExportAsync()
    {
        using var zipped = new MemoryStream();
        await using (var destination = new UnseekableStream(zipped))
        {
            Manifest = await Factory.Services.GetRequiredService<SubjectExport>()
                .WriteAsync(RequestId, Person.SubjectId, ProcessingStatement.Default, destination, CancellationToken.None);
        }

        zipped.Position = 0;
        using var zip = new ZipArchive(zipped, ZipArchiveMode.Read);
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var content = entry.Open();
            using var bytes = new MemoryStream();
            await content.CopyToAsync(bytes);
            entries.Add(entry.FullName, bytes.ToArray());
        }

        Entries = entries;
    }
}
