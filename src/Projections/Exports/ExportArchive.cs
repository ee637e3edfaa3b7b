using System.IO.Compression;
using System.Text.Json;
using NodaTime;

namespace GemPix.Projections.Exports;

/// <summary>
/// The zip being written, one entry at a time straight to the destination: nothing is held back but the entry being
/// written. Each listed file's SHA-256 and size are taken from the bytes as they pass, for the manifest.
/// </summary>
internal sealed class ExportArchive(ZipArchive zip, Instant generatedAt)
{
    private readonly List<ExportedFile> _files = [];

    /// <summary>The files written so far, in order; the manifest itself is not among them.</summary>
    public IReadOnlyList<ExportedFile> Files => _files;

    public async Task AddAsync(string path, CompressionLevel level, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken) =>
        _files.Add(await WriteAsync(path, level, write, cancellationToken));

    public Task AddJsonAsync(string path, object value, CancellationToken cancellationToken) =>
        AddAsync(path, CompressionLevel.Optimal, (stream, token) => JsonSerializer.SerializeAsync(stream, value, value.GetType(), ExportJson.Options, token), cancellationToken);

    /// <summary>Writes the manifest last, listing every file before it.</summary>
    public Task AddManifestAsync(ExportManifest manifest, CancellationToken cancellationToken) =>
        WriteAsync(
            ExportManifest.Path,
            CompressionLevel.Optimal,
            (stream, token) => JsonSerializer.SerializeAsync(stream, manifest, ExportJson.Options, token),
            cancellationToken);

    private async Task<ExportedFile> WriteAsync(string path, CompressionLevel level, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(path, level);
        // The export's own time, not the clock's at each entry: the archive's metadata says one thing.
        entry.LastWriteTime = generatedAt.ToDateTimeOffset();
        await using var stream = await entry.OpenAsync(cancellationToken);
        await using var hashing = new HashingWriteStream(stream);
        await write(hashing, cancellationToken);
        return new ExportedFile(path, hashing.HashHex(), hashing.BytesWritten);
    }
}
