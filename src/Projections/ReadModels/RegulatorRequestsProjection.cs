using GemPix.Domain.Accounts;
using GemPix.Domain.Audit;
using GemPix.EventStore.Projections;
using Npgsql;

namespace GemPix.Projections.ReadModels;

/// <summary><c>gempix.regulator_requests</c>: the requests supervisory authorities filed, by id; an erased subject's lose their subject id.</summary>
public sealed class RegulatorRequestsProjection : IRebuildableInlineProjection
{
    public string Name => "regulator_requests";

    public IReadOnlyList<string> Tables { get; } = ["gempix.regulator_requests"];

    public void Project(InlineEvent @event, NpgsqlBatch batch)
    {
        switch (@event.Data)
        {
            case RegulatorRequestFiled filed:
                batch.Add(
                    "INSERT INTO gempix.regulator_requests (id, subject_id, regulator, reference, legal_basis, filed_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                    filed.RequestId, filed.SubjectId, filed.Regulator, filed.Reference, filed.LegalBasis, filed.At.ToDateTimeUtc());
                break;
            case AccountErased erased:
                batch.Add("UPDATE gempix.regulator_requests SET subject_id = NULL WHERE subject_id = $1", erased.SubjectId);
                break;
        }
    }
}
