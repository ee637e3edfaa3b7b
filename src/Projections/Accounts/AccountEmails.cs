using GemPix.Protection.Accounts;
using Npgsql;

namespace GemPix.Projections.Accounts;

/// <summary>Which account an email address belongs to, found by its blind index: the address is never stored in the clear.</summary>
public sealed class AccountEmails(NpgsqlDataSource dataSource, EmailBlindIndex blindIndex)
{
    public async Task<Guid?> SubjectOfAsync(string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        await using var command = dataSource.CreateCommand("SELECT subject_id FROM gempix.account_emails WHERE blind_index = $1");
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = blindIndex.Of(email) });
        return await command.ExecuteScalarAsync(cancellationToken) as Guid?;
    }

    /// <summary>Whether <paramref name="subjectId"/> may take this address: no other account uses it.</summary>
    public async Task<bool> IsFreeForAsync(string email, Guid subjectId, CancellationToken cancellationToken) =>
        await SubjectOfAsync(email, cancellationToken) is not { } owner || owner == subjectId;
}
