using System.Runtime.CompilerServices;
using GemPix.EventStore.Serialization;
using Npgsql;

namespace GemPix.EventStore;

/// <summary>
/// Reads every event of one subject, in sequence order, through the store's serializer: personal values come back
/// decrypted, or as erased markers where their key is gone. The walk follows the <c>(subject_id, seq)</c> index,
/// so its cost grows with the subject's events and not with the store.
/// </summary>
public sealed class SubjectEventReader(EventSerializer serializer)
{
    /// <summary>How many rows are decrypted together: one key lookup per page, and a bounded amount held at once.</summary>
    public const int PageSize = 1000;

    private const string Sql = $"SELECT {EventRows.Columns} FROM gempix.events WHERE subject_id = $1 ORDER BY seq";

    /// <summary>
    /// Reads on the caller's connection and transaction, so that a caller that needs a consistent picture (an export
    /// that counts what it read) can hold one snapshot for the whole walk. Nothing else may use the connection until
    /// the enumeration ends.
    /// </summary>
    public async IAsyncEnumerable<RecordedEvent> ReadAsync(
        Guid subjectId, NpgsqlConnection connection, NpgsqlTransaction? transaction, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = subjectId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var page = new List<RawEvent>(PageSize);
        var more = true;
        while (more)
        {
            page.Clear();
            while (page.Count < PageSize && (more = await reader.ReadAsync(cancellationToken)))
            {
                page.Add(EventRows.ReadRaw(reader));
            }

            // Decryption looks keys up on connections of its own, so the open reader can stay where it is.
            foreach (var e in await EventRows.MaterializeAsync(page, serializer, cancellationToken))
            {
                yield return e;
            }
        }
    }
}
