using GemPix.Domain.Accounts;
using GemPix.Domain.Consents;
using GemPix.Domain.Generations;
using GemPix.Domain.Processing;
using GemPix.Domain.Protection;
using GemPix.Domain.Uploads;
using GemPix.EventStore;
using GemPix.EventStore.Projections;
using GemPix.Projections.ReadModels;
using Npgsql;

namespace GemPix.Projections.Training;

/// <summary>
/// <c>gempix.training_items</c> and <c>gempix.training_subjects</c>: the prompts and uploads that exist, and what each
/// subject allows. Which items are eligible is a query over both (<see cref="TrainingSnapshots"/>), since the current
/// notice version lives in code.
/// </summary>
public sealed class TrainingEligibilityProjection : IAsyncProjection
{
    public string Name => "training_eligibility";

    public async Task ApplyAsync(IReadOnlyList<RecordedEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case GenerationRequested r:
                    batch.Add("INSERT INTO gempix.training_items VALUES ($1, $2, 'prompt', $3) ON CONFLICT DO NOTHING", r.GenerationId, r.SubjectId, r.At.ToDateTimeUtc());
                    break;
                case UploadReceived r:
                    batch.Add("INSERT INTO gempix.training_items VALUES ($1, $2, 'upload', $3) ON CONFLICT DO NOTHING", r.UploadId, r.SubjectId, r.At.ToDateTimeUtc());
                    break;
                case GenerationDeleted d:
                    batch.Add("DELETE FROM gempix.training_items WHERE item_id = $1", d.GenerationId);
                    break;
                case UploadDeleted d:
                    batch.Add("DELETE FROM gempix.training_items WHERE item_id = $1", d.UploadId);
                    break;
                case AssetShredded s:
                    batch.Add("DELETE FROM gempix.training_items WHERE item_id = $1", s.AssetId);
                    break;
                case ConsentGiven { Purpose: ConsentPurpose.ModelTraining } given:
                    Subject(batch, given.SubjectId, "consent_version = $2", given.NoticeVersion);
                    break;
                case ConsentWithdrawn { Purpose: ConsentPurpose.ModelTraining } withdrawn:
                    Subject(batch, withdrawn.SubjectId, "consent_version = $2", null);
                    break;
                case ProcessingRestricted r:
                    Subject(batch, r.SubjectId, "restricted = $2", true);
                    break;
                case ProcessingRestrictionLifted l:
                    Subject(batch, l.SubjectId, "restricted = $2", false);
                    break;
                case ProcessingObjected o:
                    Subject(batch, o.SubjectId, "objected = $2", true);
                    break;
                case AccountErased erased:
                    Forget(batch, erased.SubjectId);
                    break;
                case SubjectShredded { Scopes: var scopes } shredded when scopes.Contains(ProtectedJson.NameOf(DataScope.Personal)):
                    Forget(batch, shredded.SubjectId);
                    break;
            }
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("DELETE FROM gempix.training_items; DELETE FROM gempix.training_subjects", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>An erased subject leaves no row: without one, nothing of theirs can be eligible.</summary>
    private static void Forget(NpgsqlBatch batch, Guid subjectId)
    {
        batch.Add("DELETE FROM gempix.training_items WHERE subject_id = $1", subjectId);
        batch.Add("DELETE FROM gempix.training_subjects WHERE subject_id = $1", subjectId);
    }

    private static void Subject(NpgsqlBatch batch, Guid subjectId, string assignment, object? value)
    {
        batch.Add("INSERT INTO gempix.training_subjects (subject_id) VALUES ($1) ON CONFLICT DO NOTHING", subjectId);
        batch.Add($"UPDATE gempix.training_subjects SET {assignment} WHERE subject_id = $1", subjectId, value);
    }
}
