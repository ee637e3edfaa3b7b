using Npgsql;

namespace GemPix.Projections.Generations;

/// <summary>
/// Finds the generation whose image's 64-bit difference hash is nearest to a given one, within
/// <see cref="MaxDistance"/> bits: re-encoding, stripping metadata or resizing moves a hash by a few bits, another
/// image by about half of them. A scan with <c>bit_count</c>; an index for Hamming distance comes when the table is large.
/// </summary>
public sealed class FingerprintIndex(NpgsqlDataSource dataSource)
{
    public const int MaxDistance = 8;

    public async Task<Guid?> NearestAsync(ulong fingerprint, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT generation_id FROM gempix.image_fingerprints
             WHERE bit_count((fingerprint # $1)::bit(64)) <= $2
             ORDER BY bit_count((fingerprint # $1)::bit(64)), created_at LIMIT 1
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = unchecked((long)fingerprint) });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = MaxDistance });
        return await command.ExecuteScalarAsync(cancellationToken) as Guid?;
    }

    public async Task<bool> ContainsAsync(Guid generationId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT 1 FROM gempix.image_fingerprints WHERE generation_id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = generationId });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }
}
