using Npgsql;

namespace GemPix.EventStore.Ledger;

/// <summary>
/// A query read row by row on a connection of its own, without a time limit: verifiers walk several of these side by
/// side (events, leaves, nodes, heads), each as long as the ledger is.
/// </summary>
public sealed class StreamedQuery : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlCommand _command;

    private StreamedQuery(NpgsqlConnection connection, NpgsqlCommand command, NpgsqlDataReader reader)
    {
        _connection = connection;
        _command = command;
        Reader = reader;
    }

    public NpgsqlDataReader Reader { get; }

    /// <param name="parameter">The value of <c>$1</c>, when the query has one.</param>
    public static async Task<StreamedQuery> OpenAsync(NpgsqlDataSource dataSource, string sql, long? parameter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            if (parameter is { } value)
            {
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = value });
            }

            return new StreamedQuery(connection, command, await command.ExecuteReaderAsync(cancellationToken));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Reader.DisposeAsync();
        await _command.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
