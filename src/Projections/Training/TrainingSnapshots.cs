using System.Security.Cryptography;
using System.Text;
using GemPix.Domain.Consents;
using GemPix.Domain.Generations;
using GemPix.Domain.Uploads;
using GemPix.EventStore;
using GemPix.EventStore.Projections;
using NodaTime;
using Npgsql;

namespace GemPix.Projections.Training;

/// <summary>
/// Takes a training snapshot: the eligible items as of now, each with a SHA-256 of its content (the prompt's text,
/// the upload's file hash), recorded in <c>gempix.training_snapshot_items</c> with a root hash over all of them. Refused
/// while the eligibility projection is behind the events committed when the snapshot starts: a withdrawal that it has
/// not seen yet must not be missed.
/// </summary>
public sealed class TrainingSnapshots(
    NpgsqlDataSource dataSource, PostgresEventStore store, GapSafeEventReader reader, ProjectionCheckpointStore checkpoints, ConsentNotices notices, IClock clock)
{
    public async Task<TrainingSnapshot> TakeAsync(CancellationToken cancellationToken)
    {
        var committed = await reader.ReadLatestCommittedAsync(cancellationToken);
        var checkpoint = await checkpoints.GetAsync(new TrainingEligibilityProjection().Name, cancellationToken);
        if (checkpoint is null || checkpoint.Position < committed)
        {
            throw new TrainingEligibilityBehindException();
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var items = new List<(Guid Item, Guid Subject, string Kind)>();
        await using (var eligible = new NpgsqlCommand(
            """
            SELECT i.item_id, i.subject_id, i.kind FROM gempix.training_items i
              JOIN gempix.training_subjects s ON s.subject_id = i.subject_id
             WHERE s.consent_version = $1 AND NOT s.restricted AND NOT s.objected AND NOT s.erased
             ORDER BY i.item_id
            """, connection, transaction))
        {
            eligible.Parameters.Add(new NpgsqlParameter<int> { TypedValue = notices.CurrentVersion(ConsentPurpose.ModelTraining) });
            await using var rows = await eligible.ExecuteReaderAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                items.Add((rows.GetGuid(0), rows.GetGuid(1), rows.GetString(2)));
            }
        }

        var id = Guid.CreateVersion7();
        var hashed = new List<(Guid Item, Guid Subject, string Kind, byte[] Hash)>(items.Count);
        foreach (var (item, subject, kind) in items)
        {
            if (await ContentHashAsync(item, cancellationToken) is { } hash)
            {
                hashed.Add((item, subject, kind, hash));
            }
        }

        var root = Root(hashed.Select(h => (h.Item, h.Hash)));
        var takenAt = clock.GetCurrentInstant();
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO gempix.training_snapshots (id, taken_at, item_count, items_root) VALUES ($1, $2, $3, $4);
            """, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            insert.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = takenAt.ToDateTimeUtc() });
            insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = hashed.Count });
            insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = root });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var insertItems = new NpgsqlCommand(
            """
            INSERT INTO gempix.training_snapshot_items (snapshot_id, item_id, subject_id, kind, content_hash)
            SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::bytea[])
            """, connection, transaction))
        {
            insertItems.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            insertItems.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. hashed.Select(h => h.Item)] });
            insertItems.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. hashed.Select(h => h.Subject)] });
            insertItems.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. hashed.Select(h => h.Kind)] });
            insertItems.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. hashed.Select(h => h.Hash)] });
            await insertItems.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new TrainingSnapshot(id, takenAt, hashed.Count, Convert.ToHexStringLower(root));
    }

    /// <summary>The snapshots taken after <paramref name="since"/> that hold any item of the subject: none, for a subject who withdrew or was erased.</summary>
    public async Task<IReadOnlyList<Guid>> SnapshotsHoldingAsync(Guid subjectId, Instant since, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT DISTINCT s.id FROM gempix.training_snapshot_items i JOIN gempix.training_snapshots s ON s.id = i.snapshot_id
             WHERE i.subject_id = $1 AND s.taken_at > $2
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = subjectId });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = since.ToDateTimeUtc() });
        var ids = new List<Guid>();
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            ids.Add(rows.GetGuid(0));
        }

        return ids;
    }

    /// <summary>SHA-256 over each item's id and content hash, in id order: one value that pins the whole set.</summary>
    private static byte[] Root(IEnumerable<(Guid Item, byte[] Hash)> items)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> id = stackalloc byte[16];
        foreach (var (item, content) in items)
        {
            item.TryWriteBytes(id, bigEndian: true, out _);
            hash.AppendData(id);
            hash.AppendData(content);
        }

        return hash.GetHashAndReset();
    }

    /// <summary>The content's hash, or null when it was erased since the projection saw it (then it is not eligible).</summary>
    private async Task<byte[]?> ContentHashAsync(Guid itemId, CancellationToken cancellationToken)
    {
        await foreach (var e in store.ReadStreamAsync(itemId, 1, cancellationToken))
        {
            return e.Data switch
            {
                GenerationRequested { Prompt.IsErased: false } r => SHA256.HashData(Encoding.UTF8.GetBytes(r.Prompt.Value)),
                UploadReceived { Sha256.IsErased: false } u => Convert.FromHexString(u.Sha256.Value),
                _ => null,
            };
        }

        return null;
    }
}
