using System.Text;
using GemPix.Protection.Crypto;
using GemPix.Protection.Keys;
using NodaTime;
using Npgsql;

namespace GemPix.Protection.Blobs;

/// <summary>
/// Blobs as files under <c>$GEMPIX_DATA/blobs</c>, named by a random id (never by anything a user sent),
/// each the AES-GCM seal of the content under its asset's key, bound to the blob id. The index
/// (<c>gempix.blobs</c>) says whose each file is and which key opens it.
/// </summary>
public sealed class FileSystemBlobStore(string dataDirectory, KeyVault vault, NpgsqlDataSource dataSource, IClock clock) : IBlobStore
{
    private static readonly byte[] Magic = "GPXB1"u8.ToArray();

    public string Root { get; } = Path.Combine(dataDirectory, "blobs");

    public async Task<Guid> PutAsync(Guid subjectId, Guid assetId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var key = await vault.GetOrCreateAssetKeyAsync(subjectId, assetId, cancellationToken);
        var blobId = Guid.CreateVersion7();
        var fileName = blobId.ToString("N");
        var sealedContent = AesGcmSeal.Seal(key.Material, content.Span, AssociatedData(blobId, key.Id));
        var path = PathOf(fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await file.WriteAsync(Magic, cancellationToken);
            await file.WriteAsync(sealedContent, cancellationToken);
            await file.FlushAsync(cancellationToken);
        }

        await using var command = dataSource.CreateCommand(
            "INSERT INTO gempix.blobs (id, subject_id, asset_id, key_id, file_name, bytes, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = blobId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = subjectId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = assetId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = key.Id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = fileName });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = content.Length });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = clock.GetCurrentInstant().ToDateTimeUtc() });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return blobId;
    }

    public async Task<BlobContent> GetAsync(Guid blobId, CancellationToken cancellationToken)
    {
        Guid keyId;
        string fileName;
        await using (var command = dataSource.CreateCommand("SELECT key_id, file_name FROM gempix.blobs WHERE id = $1"))
        {
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = blobId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return new BlobContent.Missing();
            }

            (keyId, fileName) = (reader.GetGuid(0), reader.GetString(1));
        }

        var keys = await vault.GetKeysAsync([keyId], cancellationToken);
        if (!keys.TryGetValue(keyId, out var key))
        {
            return new BlobContent.Erased();
        }

        var path = PathOf(fileName);
        if (!File.Exists(path))
        {
            return new BlobContent.Missing();
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        if (!bytes.AsSpan().StartsWith(Magic))
        {
            throw new InvalidDataException($"Blob {blobId} is not in GemPix's blob format.");
        }

        return new BlobContent.Found(AesGcmSeal.Open(key.Material, bytes.AsSpan(Magic.Length), AssociatedData(blobId, keyId)));
    }

    public Task<int> DeleteAssetAsync(Guid assetId, CancellationToken cancellationToken) =>
        DeleteAsync("DELETE FROM gempix.blobs WHERE asset_id = $1 RETURNING file_name", assetId, cancellationToken);

    public Task<int> DeleteSubjectAsync(Guid subjectId, CancellationToken cancellationToken) =>
        DeleteAsync("DELETE FROM gempix.blobs WHERE subject_id = $1 RETURNING file_name", subjectId, cancellationToken);

    private async Task<int> DeleteAsync(string sql, Guid id, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        await using (var command = dataSource.CreateCommand(sql))
        {
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                files.Add(reader.GetString(0));
            }
        }

        foreach (var file in files)
        {
            File.Delete(PathOf(file));
        }

        return files.Count;
    }

    // Two levels of fan-out keep directories small; the name is a random id, so it cannot climb out of Root.
    private string PathOf(string fileName) => Path.Combine(Root, fileName[..2], fileName);

    private static byte[] AssociatedData(Guid blobId, Guid keyId) => Encoding.ASCII.GetBytes($"gempix-blob-v1|{blobId:N}|{keyId:N}");
}
