using Npgsql;

namespace GemPix.Protection.Shredding;

/// <summary>The deletion certificates the shredder issued, served by id to anyone who holds one.</summary>
public sealed class DeletionCertificates(NpgsqlDataSource dataSource)
{
    /// <returns>The certificate as issued (JWS compact serialization), or null.</returns>
    public async Task<string?> FindAsync(Guid certificateId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT jws FROM gempix.deletion_certificates WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = certificateId });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }
}
