using System.Text.Json;
using GemPix.Domain.Protection;
using GemPix.Domain.Serialization;
using GemPix.EventStore;
using GemPix.Protection.Blobs;
using GemPix.Protection.Keys;
using GemPix.Protection.Signing;
using NodaTime;
using Npgsql;

namespace GemPix.Protection.Shredding;

/// <summary>
/// Erasure by key destruction. Destroying the keys, fencing the scope and recording <see cref="SubjectShredded"/>
/// commit together; then caches are evicted, blobs deleted, the key table vacuumed (so wrapped keys do not
/// linger in dead tuples) and a signed certificate issued.
/// </summary>
public sealed class SubjectShredder(
    NpgsqlDataSource dataSource,
    NpgsqlDataSource ownerDataSource,
    KeyVault vault,
    IBlobStore blobs,
    PostgresEventStore plainStore,
    ServiceSigningKeys signing,
    IClock clock,
    ProtectionOptions options,
    ILedgerCheckpointSource? ledger = null)
{
    public const string CertificateType = "gempix-deletion-certificate+jwt";

    /// <summary>Erases the subject's personal data (and every asset under it); billing stays under its legal retention.</summary>
    public Task<IssuedCertificate> ShredSubjectAsync(Guid subjectId, Guid? requestId, CancellationToken cancellationToken) =>
        ShredScopesAsync(subjectId, requestId, [DataScope.Personal], cancellationToken);

    /// <summary>Destroys the subject's keys of <paramref name="scopes"/> and certifies it.</summary>
    public async Task<IssuedCertificate> ShredScopesAsync(Guid subjectId, Guid? requestId, IReadOnlyList<DataScope> scopes, CancellationToken cancellationToken)
    {
        var certificateId = Guid.CreateVersion7();
        var now = clock.GetCurrentInstant();
        var scopeNames = scopes.Select(ProtectedJson.NameOf).ToArray();
        var destroyed = await DestroyAndRecordAsync(
            "SELECT id, scope, asset_id, commitment, created_at FROM gempix_vault.destroy_subject_keys($1, $2, $3)",
            [new NpgsqlParameter<Guid> { TypedValue = subjectId }, new NpgsqlParameter<string[]> { TypedValue = scopeNames }, new NpgsqlParameter<DateTime> { TypedValue = now.ToDateTimeUtc() }],
            subjectId,
            keys => new SubjectShredded(subjectId, requestId, scopeNames, [.. keys.Select(k => k.KeyId)], certificateId, now),
            cancellationToken);

        vault.Evict(subjectId);
        var blobsDeleted = scopes.Contains(DataScope.Personal) ? await blobs.DeleteSubjectAsync(subjectId, cancellationToken) : 0;
        await VacuumKeysAsync(cancellationToken);

        var certificate = new DeletionCertificate(
            "gempix",
            certificateId,
            subjectId,
            requestId,
            now,
            destroyed,
            await RetainedAsync(subjectId, cancellationToken),
            await CountEventsAsync(subjectId, cancellationToken),
            blobsDeleted,
            ledger is null ? null : await ledger.GetLatestAsync(cancellationToken),
            now + options.KeyBackupRetention);
        return await IssueAsync(certificate, cancellationToken);
    }

    /// <summary>Destroys one asset's key and deletes its blobs: that image (and whatever its key protects) is gone, the rest stays.</summary>
    public async Task<IReadOnlyList<CertifiedKey>> ShredAssetAsync(Guid subjectId, Guid assetId, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var destroyed = await DestroyAndRecordAsync(
            "SELECT id, scope, asset_id, commitment, created_at FROM gempix_vault.destroy_asset_key($1, $2)",
            [new NpgsqlParameter<Guid> { TypedValue = assetId }, new NpgsqlParameter<DateTime> { TypedValue = now.ToDateTimeUtc() }],
            subjectId,
            keys => new AssetShredded(subjectId, assetId, [.. keys.Select(k => k.KeyId)], reason, now),
            cancellationToken);

        vault.Evict(assetId);
        await blobs.DeleteAssetAsync(assetId, cancellationToken);
        return destroyed;
    }

    /// <summary>Destroys keys through a vault function and records the event that says so, in one transaction.</summary>
    private async Task<List<CertifiedKey>> DestroyAndRecordAsync(
        string sql, NpgsqlParameter[] parameters, Guid subjectId, Func<List<CertifiedKey>, object> recorded, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        List<CertifiedKey> destroyed;
        await using (var destroy = new NpgsqlCommand(sql, connection, transaction))
        {
            destroy.Parameters.AddRange(parameters);
            destroyed = await ReadDestroyedAsync(destroy, cancellationToken);
        }

        await plainStore.AppendAsync(
            [KeyStreams.Append(subjectId, recorded(destroyed))],
            connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return destroyed;
    }

    private async Task<IssuedCertificate> IssueAsync(DeletionCertificate certificate, CancellationToken cancellationToken)
    {
        var jws = await signing.SignAsync(CertificateType, JsonSerializer.SerializeToUtf8Bytes(certificate, GemPixJson.Options), cancellationToken);
        await using var command = dataSource.CreateCommand(
            "INSERT INTO gempix.deletion_certificates (id, subject_id, request_id, jws, issued_at) VALUES ($1, $2, $3, $4, $5)");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = certificate.CertificateId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = certificate.SubjectId });
        command.Parameters.Add(new NpgsqlParameter { Value = certificate.RequestId is { } r ? r : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = jws });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = certificate.IssuedAt.ToDateTimeUtc() });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new IssuedCertificate(certificate, jws);
    }

    private async Task<IReadOnlyList<RetainedScope>> RetainedAsync(Guid subjectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT scope, retain_until FROM gempix_vault.retained_keys($1)");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = subjectId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var retained = new List<RetainedScope>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var scope = reader.GetString(0);
            retained.Add(new RetainedScope(
                scope,
                scope == "billing" ? options.BillingLegalBasis : "kept",
                reader.IsDBNull(1) ? null : Instant.FromDateTimeUtc(reader.GetDateTime(1))));
        }

        return retained;
    }

    private async Task<long> CountEventsAsync(Guid subjectId, CancellationToken cancellationToken)
    {
        // From the streams' versions: the cost follows the subject's streams, not its events.
        await using var command = dataSource.CreateCommand("SELECT coalesce(sum(version), 0)::bigint FROM gempix.streams WHERE subject_id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = subjectId });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task VacuumKeysAsync(CancellationToken cancellationToken)
    {
        // Only the table's owner may vacuum it; the application role may not even read it.
        await using var command = ownerDataSource.CreateCommand("VACUUM gempix_vault.keys");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<CertifiedKey>> ReadDestroyedAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<CertifiedKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new CertifiedKey(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetGuid(2),
                Instant.FromDateTimeUtc(reader.GetDateTime(4)),
                Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(3))));
        }

        return keys;
    }
}
