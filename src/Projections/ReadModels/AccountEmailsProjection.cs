using GemPix.Domain.Accounts;
using GemPix.EventStore.Projections;
using GemPix.Protection.Accounts;
using Npgsql;

namespace GemPix.Projections.ReadModels;

/// <summary>
/// <c>gempix.account_emails</c>: the blind index of each account's email, in the append's transaction, so that its
/// primary key makes a second account with the same address fail with the registration itself.
/// </summary>
public sealed class AccountEmailsProjection(EmailBlindIndex blindIndex) : IRebuildableInlineProjection
{
    public string Name => "account_emails";

    public IReadOnlyList<string> Tables { get; } = ["gempix.account_emails"];

    /// <summary>The constraint a duplicate registration or correction violates.</summary>
    public const string UniqueConstraint = "account_emails_pkey";

    public void Project(InlineEvent @event, NpgsqlBatch batch)
    {
        switch (@event.Data)
        {
            case AccountRegistered { Email.IsErased: true }:
            case EmailCorrected { Email.IsErased: true }:
                break; // Replayed after an erasure: there is no address left to index, nor a row to keep.
            case AccountRegistered registered:
                batch.Add("INSERT INTO gempix.account_emails (blind_index, subject_id) VALUES ($1, $2)", blindIndex.Of(registered.Email.Value), registered.SubjectId);
                break;
            case EmailCorrected corrected:
                batch.Add("UPDATE gempix.account_emails SET blind_index = $1 WHERE subject_id = $2", blindIndex.Of(corrected.Email.Value), corrected.SubjectId);
                break;
            case AccountErased erased:
                batch.Add("DELETE FROM gempix.account_emails WHERE subject_id = $1", erased.SubjectId);
                break;
        }
    }
}
