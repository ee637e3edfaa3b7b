using Npgsql;

namespace GemPix.Projections.Audit;

/// <summary>
/// <c>gempix.regulator_requests</c> as the regulator routes read it: a request is found only by the regulator who
/// filed it, so another authority's id answers as if it did not exist.
/// </summary>
public sealed class RegulatorRequestRecords(NpgsqlDataSource dataSource)
{
    public async Task<RegulatorRequestRow?> FindAsync(Guid requestId, string regulator, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT subject_id, reference, legal_basis FROM gempix.regulator_requests WHERE id = $1 AND regulator = $2");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = requestId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = regulator });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new RegulatorRequestRow(requestId, reader.IsDBNull(0) ? null : reader.GetGuid(0), reader.GetString(1), reader.GetString(2))
            : null;
    }

    /// <summary>Whether anyone's events name this subject: a regulator may ask for a subject the records hold.</summary>
    public async Task<bool> SubjectIsKnownAsync(Guid subjectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM gempix.streams WHERE subject_id = $1)");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = subjectId });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
