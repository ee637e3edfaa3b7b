using System.IO.Compression;
using System.Text;
using GemPix.Domain.Consents;
using GemPix.EventStore;
using GemPix.Protection.Blobs;
using NodaTime;
using Npgsql;

namespace GemPix.Projections.Exports;

/// <summary>
/// The data-subject export (GDPR Art. 15 access, Art. 20 portability): everything we hold about one person as a zip,
/// built from their own events (read by subject, decrypted) and their images. Layout: <c>data/&lt;category&gt;.json</c>,
/// <c>schema/&lt;name&gt;.schema.json</c>, <c>images/uploads/…</c> and <c>images/generations/…</c>, <c>index.html</c>
/// for the person, and <c>manifest.json</c> with every file's SHA-256 (docs/exports.md).
/// </summary>
/// <remarks>
/// The cost follows the subject, never the store: events come by the <c>(subject_id, seq)</c> index and images one at a
/// time. The category files are held in memory until written (decrypted personal data never goes to a temporary file);
/// images go straight to the destination.
/// </remarks>
public sealed class SubjectExport(NpgsqlDataSource dataSource, PostgresEventStore store, IBlobStore blobs, ConsentNotices notices, IClock clock)
{
    private readonly SubjectEventReader _reader = new(store.Serializer);

    /// <summary>Writes the subject's archive to <paramref name="destination"/>, which may be unseekable (a response body).</summary>
    /// <returns>The manifest written at the archive's root.</returns>
    public async Task<ExportManifest> WriteAsync(
        Guid requestId, Guid subjectId, ProcessingStatement statement, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(destination);
        var generatedAt = clock.GetCurrentInstant();
        var profile = new ProfileFold();
        ISummaryFold[] folds = [profile, new ConsentsFold(subjectId, notices), new UploadsFold(), new GenerationsFold(), new CreditsFold(subjectId)];
        using var events = await SubjectEvents.ReadAsync(dataSource, _reader, subjectId, folds, cancellationToken);

        await using var zip = await ZipArchive.CreateAsync(destination, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        var archive = new ExportArchive(zip, generatedAt);
        var images = await WriteImagesAsync(archive, folds, cancellationToken);
        var counts = await WriteCategoriesAsync(archive, subjectId, generatedAt, events, folds, images, cancellationToken);
        var included = images.Count(i => i.Status == ImageStatus.Included);
        counts["images"] = included;
        counts["erasedImages"] = images.Count - included;

        var page = new IndexPage(
            requestId, subjectId, profile.Profile?.DisplayName.ValueOr(null), generatedAt,
            [.. ExportCategory.All.Where(c => counts.ContainsKey(c.Name)).Select(c => (c, counts[c.Name]))], images, statement);
        await archive.AddAsync(
            IndexPage.Path, CompressionLevel.Optimal, (stream, token) => stream.WriteAsync(Encoding.UTF8.GetBytes(page.Render()), token).AsTask(), cancellationToken);

        var manifest = new ExportManifest(requestId, subjectId, generatedAt, [.. archive.Files], counts, events.Count);
        await archive.AddManifestAsync(manifest, cancellationToken);
        return manifest;
    }

    /// <summary>
    /// A data file and its schema for every category that has a registered event type or holds the subject's events,
    /// and the manifest's schema.
    /// </summary>
    /// <returns>The events per category, in the categories' order.</returns>
    private async Task<OrderedDictionary<string, int>> WriteCategoriesAsync(
        ExportArchive archive,
        Guid subjectId,
        Instant generatedAt,
        SubjectEvents events,
        IReadOnlyList<ISummaryFold> folds,
        List<(ExportImage Image, ImageStatus Status)> images,
        CancellationToken cancellationToken)
    {
        var statuses = images.ToDictionary(i => i.Image.BlobId, i => i.Status);
        var registered = store.Serializer.Registry.All.ToLookup(t => ExportCategory.Of(t.ClrType));
        var counts = new OrderedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var category in ExportCategory.All.Where(c => registered.Contains(c) || events.Has(c)))
        {
            var fold = folds.FirstOrDefault(f => f.Category == category);
            var list = events.ListOf(category);
            counts[category.Name] = list.Count;
            await archive.AddJsonAsync(
                $"data/{category.Name}.json",
                new CategoryDocument(category.Name, category.Title, category.Description, subjectId, generatedAt, list.Count, fold?.Summarize(statuses), list),
                cancellationToken);
            await archive.AddJsonAsync(ExportSchemas.PathOf(category.Name), ExportSchemas.ForCategory(category, registered[category], fold?.SummaryType), cancellationToken);
        }

        await archive.AddJsonAsync(ExportSchemas.PathOf("manifest"), ExportSchemas.ForManifest(), cancellationToken);
        return counts;
    }

    /// <summary>
    /// Each image the events point to, one at a time (decrypted in memory only while its entry is written). One whose key
    /// was destroyed or whose file was deleted is erased: listed in the counts, not in the archive.
    /// </summary>
    private async Task<List<(ExportImage Image, ImageStatus Status)>> WriteImagesAsync(ExportArchive archive, IEnumerable<ISummaryFold> folds, CancellationToken cancellationToken)
    {
        var images = new List<(ExportImage, ImageStatus)>();
        foreach (var image in folds.SelectMany(f => f.Images))
        {
            if (await blobs.GetAsync(image.BlobId, cancellationToken) is BlobContent.Found found)
            {
                // PNG and JPEG are compressed already: deflating them again costs time and saves nothing.
                await archive.AddAsync(image.Path, CompressionLevel.NoCompression, (stream, token) => stream.WriteAsync(found.Bytes, token).AsTask(), cancellationToken);
                images.Add((image, ImageStatus.Included));
            }
            else
            {
                images.Add((image, ImageStatus.Erased));
            }
        }

        return images;
    }
}
