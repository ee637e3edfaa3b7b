using Npgsql;

namespace GemPix.Ledger.Marten;

/// <summary>
/// The select list that reads <see cref="MartenEventColumns"/> from <c>mt_events</c>, for the columns this table has:
/// Marten adds metadata, binary, tag and skipping columns only when their feature is on, and a column it never
/// created reads as what a row written without the feature holds (null, or false).
/// </summary>
internal sealed class MartenEventSelection
{
    private static readonly (string Column, string Expression, string Missing)[] Optional =
    [
        ("tenant_id", "tenant_id", "NULL::text"),
        ("mt_dotnet_type", "mt_dotnet_type", "NULL::text"),
        ("bdata", "bdata", "NULL::bytea"),
        ("correlation_id", "correlation_id::text", "NULL::text"),
        ("causation_id", "causation_id::text", "NULL::text"),
        ("headers", "headers::text", "NULL::text"),
        ("user_name", "user_name::text", "NULL::text"),
        ("tags", "tags::text", "NULL::text"),
        ("is_archived", "is_archived", "false"),
        ("is_skipped", "is_skipped", "false"),
    ];

    private MartenEventSelection(string selectList) => SelectList = selectList;

    /// <summary>The stored type name of Marten's tombstones, reserved: no GemPix event is stored under it.</summary>
    public const string TombstoneType = "tombstone";

    /// <summary>
    /// The rows that are leaves: all but Marten's tombstones. A tombstone stands for a seq_id that a failed unit of work
    /// reserved; Marten writes it afterwards, in the background, so it can land below seq_ids already sealed, and it
    /// records nothing that happened. The rule reads the type alone: Marten puts tombstones in a stream whose id it
    /// draws anew in every process. A sealed event rewritten into a tombstone is then missing from its leaf, and named.
    /// </summary>
    public const string LeafRows = $"type <> '{TombstoneType}'";

    /// <summary>The columns in the order <see cref="Read"/> reads them.</summary>
    public string SelectList { get; }

    /// <summary>The selection for the <c>mt_events</c> of <paramref name="tables"/>, as it is now.</summary>
    /// <exception cref="InvalidOperationException">The table does not exist, or its stream ids are not UUIDs.</exception>
    public static async Task<MartenEventSelection> ForTableAsync(NpgsqlConnection connection, LedgerTables tables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(tables);
        await using var command = new NpgsqlCommand(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'mt_events'",
            connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tables.Schema });
        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                columns[reader.GetString(0)] = reader.GetString(1);
            }
        }

        if (columns.Count == 0)
        {
            throw new InvalidOperationException($"{tables.Events} does not exist: apply Marten's schema first.");
        }

        if (columns.GetValueOrDefault("stream_id") != "uuid")
        {
            throw new InvalidOperationException($"{tables.Events}.stream_id is not a uuid: the ledger needs Marten's Guid stream identity.");
        }

        var list = "seq_id, id, stream_id, version, type, timestamp, data::text, "
            + string.Join(", ", Optional.Select(o => columns.ContainsKey(o.Column) ? o.Expression : o.Missing));
        return new MartenEventSelection(list);
    }

    /// <summary>Reads <see cref="SelectList"/> from the reader's current row, starting at <paramref name="first"/>.</summary>
    public static MartenEventColumns Read(NpgsqlDataReader reader, int first = 0) => new(
        SeqId: reader.GetInt64(first),
        Id: reader.GetGuid(first + 1),
        StreamId: reader.GetGuid(first + 2),
        Version: reader.GetInt64(first + 3),
        Type: reader.GetString(first + 4),
        TimestampMicroseconds: MartenEventColumns.Microseconds(reader.GetDateTime(first + 5)),
        Data: TextOrNull(reader, first + 6),
        TenantId: TextOrNull(reader, first + 7),
        DotNetType: TextOrNull(reader, first + 8),
        BinaryData: reader.IsDBNull(first + 9) ? null : reader.GetFieldValue<byte[]>(first + 9),
        CorrelationId: TextOrNull(reader, first + 10),
        CausationId: TextOrNull(reader, first + 11),
        Headers: TextOrNull(reader, first + 12),
        UserName: TextOrNull(reader, first + 13),
        Tags: TextOrNull(reader, first + 14),
        IsArchived: !reader.IsDBNull(first + 15) && reader.GetBoolean(first + 15),
        IsSkipped: !reader.IsDBNull(first + 16) && reader.GetBoolean(first + 16));

    private static string? TextOrNull(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
