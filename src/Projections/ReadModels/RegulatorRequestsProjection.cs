using GemPix.Domain.Audit;
using GemPix.EventStore.Projections;
using Npgsql;

namespace GemPix.Projections.ReadModels;

/// <summary><c>gempix.regulator_requests</c>: the requests supervisory authorities filed, by id.</summary>
public sealed class RegulatorRequestsProjection : IInlineProjection
{
    public void Project(InlineEvent @event, NpgsqlBatch batch)
    {
        if (@event.Data is RegulatorRequestFiled filed)
        {
            batch.Add(
                "INSERT INTO gempix.regulator_requests (id, subject_id, regulator, reference, legal_basis, filed_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                filed.RequestId, filed.SubjectId, filed.Regulator, filed.Reference, filed.LegalBasis, filed.At.ToDateTimeUtc());
        }
    }
}
