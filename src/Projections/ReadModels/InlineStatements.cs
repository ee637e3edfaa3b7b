using Npgsql;

namespace GemPix.Projections.ReadModels;

/// <summary>Adds one parameterised statement to an inline projection's batch.</summary>
internal static class InlineStatements
{
    public static void Add(this NpgsqlBatch batch, string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        batch.BatchCommands.Add(command);
    }
}
