using System.Text.Json;
using NodaTime;
using Npgsql;

namespace GemPix.Api.Idempotency;

/// <summary>
/// <c>gempix.idempotency_keys</c>: a POST's key is claimed before the request runs and its answer stored after,
/// so that a retry, even a concurrent one, never runs the request twice.
/// </summary>
public sealed class IdempotencyStore(NpgsqlDataSource dataSource, IClock clock)
{
    /// <summary>
    /// A claim whose request never finished (its process died) is taken over after this long: longer than any request
    /// takes, so that a run is only taken over when it is gone. Should a slow one be taken over all the same, what it
    /// creates is named by the key, so the two runs create one thing, and only the run holding the claim keeps its answer.
    /// </summary>
    public static readonly Duration AbandonedAfter = Duration.FromSeconds(30);

    public async Task<IdempotencyClaim> ClaimAsync(byte[] scope, Guid? subjectId, string key, byte[] requestHash, CancellationToken cancellationToken)
    {
        // To the microsecond, as timestamptz keeps it: the claim's time is also its token.
        var now = Instant.FromUnixTimeTicks(clock.GetCurrentInstant().ToUnixTimeTicks() / 10 * 10);
        while (true)
        {
            await using (var insert = dataSource.CreateCommand(
                "INSERT INTO gempix.idempotency_keys (scope, key, request_hash, created_at, subject_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (scope, key) DO NOTHING"))
            {
                Add(insert, scope, key, requestHash, now);
                insert.Parameters.Add(new NpgsqlParameter { Value = subjectId is { } s ? s : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
                if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
                {
                    return new IdempotencyClaim.Claimed(now);
                }
            }

            await using var select = dataSource.CreateCommand(
                "SELECT request_hash, status_code, content_type, body, headers, created_at FROM gempix.idempotency_keys WHERE scope = $1 AND key = $2");
            select.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = scope });
            select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                continue; // Released by a failed first attempt in the meantime: claim it afresh.
            }

            if (!reader.GetFieldValue<byte[]>(0).AsSpan().SequenceEqual(requestHash))
            {
                return new IdempotencyClaim.KeyReused();
            }

            if (reader.IsDBNull(1))
            {
                var claimedAt = Instant.FromDateTimeUtc(reader.GetDateTime(5));
                await reader.DisposeAsync();
                if (claimedAt + AbandonedAfter < now && await TakeOverAsync(scope, key, claimedAt, now, cancellationToken))
                {
                    return new IdempotencyClaim.Claimed(now);
                }

                return new IdempotencyClaim.InFlight();
            }

            return new IdempotencyClaim.Answered(
                reader.GetInt32(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? [] : reader.GetFieldValue<byte[]>(3),
                reader.IsDBNull(4) ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(4))!);
        }
    }

    /// <summary>Keeps the answer, if the claim is still this run's (<paramref name="claim"/>): a run taken over keeps nothing.</summary>
    public async Task CompleteAsync(
        byte[] scope, string key, IdempotencyClaim.Claimed claim, int status, string? contentType, byte[] body, IReadOnlyDictionary<string, string> headers,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var update = dataSource.CreateCommand(
            "UPDATE gempix.idempotency_keys SET status_code = $3, content_type = $4, body = $5, headers = $6::jsonb WHERE scope = $1 AND key = $2 AND created_at = $7 AND status_code IS NULL");
        update.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = scope });
        update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        update.Parameters.Add(new NpgsqlParameter<int> { TypedValue = status });
        update.Parameters.Add(new NpgsqlParameter { Value = (object?)contentType ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        update.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = body });
        update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(headers) });
        update.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = claim.ClaimedAt.ToDateTimeUtc() });
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Gives the key back after a failure of ours (5xx or an exception), so that a retry runs the request; a claim taken over is not this run's to give.</summary>
    public async Task ReleaseAsync(byte[] scope, string key, IdempotencyClaim.Claimed claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var delete = dataSource.CreateCommand("DELETE FROM gempix.idempotency_keys WHERE scope = $1 AND key = $2 AND created_at = $3 AND status_code IS NULL");
        delete.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = scope });
        delete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        delete.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = claim.ClaimedAt.ToDateTimeUtc() });
        await delete.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<bool> TakeOverAsync(byte[] scope, string key, Instant claimedAt, Instant now, CancellationToken cancellationToken)
    {
        await using var update = dataSource.CreateCommand(
            "UPDATE gempix.idempotency_keys SET created_at = $3 WHERE scope = $1 AND key = $2 AND status_code IS NULL AND created_at = $4");
        update.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = scope });
        update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        update.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = now.ToDateTimeUtc() });
        update.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = claimedAt.ToDateTimeUtc() });
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static void Add(NpgsqlCommand command, byte[] scope, string key, byte[] requestHash, Instant now)
    {
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = scope });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = requestHash });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = now.ToDateTimeUtc() });
    }
}
