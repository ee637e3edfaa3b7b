using GemPix.Domain.Generations;
using GemPix.EventStore;
using NodaTime;
using Npgsql;

namespace GemPix.Projections.Generations;

/// <summary>
/// Reads a subject's generations from the read model. Every read is scoped to the subject: another subject's
/// generation is simply not found, so its existence is never revealed.
/// </summary>
public sealed class GenerationHistory(NpgsqlDataSource dataSource, PostgresEventStore store)
{
    public const int MaxPage = 100;

    private const string Columns =
        "id, subject_id, status, width, height, seed, reference_upload_id, credits, attempts, image_blob_id, failure, requested_at, updated_at";

    public async Task<GenerationRow?> FindAsync(Guid subjectId, Guid generationId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM gempix.generations WHERE id = $1 AND subject_id = $2");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = generationId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = subjectId });
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>Newest first; <paramref name="before"/> is the last row of the previous page (keyset paging).</summary>
    public async Task<IReadOnlyList<GenerationRow>> ListAsync(Guid subjectId, int limit, GenerationRow? before, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT {Columns} FROM gempix.generations
             WHERE subject_id = $1 AND ($2::timestamptz IS NULL OR (requested_at, id) < ($2, $3))
             ORDER BY requested_at DESC, id DESC LIMIT $4
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = subjectId });
        command.Parameters.Add(new NpgsqlParameter { Value = before is null ? DBNull.Value : before.RequestedAt.ToDateTimeUtc(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = before is null ? DBNull.Value : before.GenerationId, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>The prompt, from the generation's first event: null when the generation (and so its key) was deleted.</summary>
    public async Task<string?> PromptAsync(Guid generationId, CancellationToken cancellationToken)
    {
        await foreach (var e in store.ReadStreamAsync(generationId, 1, cancellationToken))
        {
            return e.Data is GenerationRequested requested ? requested.Prompt.ValueOr(null) : null;
        }

        return null;
    }

    private static async Task<List<GenerationRow>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<GenerationRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new GenerationRow(
                reader.GetGuid(0),
                reader.GetGuid(1),
                reader.GetString(2),
                reader.GetInt32(3),
                reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetInt64(5),
                reader.IsDBNull(6) ? null : reader.GetGuid(6),
                reader.GetInt32(7),
                reader.GetInt32(8),
                reader.IsDBNull(9) ? null : reader.GetGuid(9),
                reader.IsDBNull(10) ? null : reader.GetString(10),
                Instant.FromDateTimeUtc(reader.GetDateTime(11)),
                Instant.FromDateTimeUtc(reader.GetDateTime(12))));
        }

        return rows;
    }
}
