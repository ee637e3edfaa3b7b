using Npgsql;

namespace GemPix.EventStore;

/// <summary>
/// Statements that commit or fail with an append and travel in its one round trip: <see cref="Before"/> run ahead of
/// the events, to create what they refer to (a key that the erasure-fence guard looks for), <see cref="After"/>
/// behind them (a job the events ask for). Factories, because an append that is retried needs fresh commands.
/// Statements before the events must return no rows: the store reads the events' versions from the first results.
/// </summary>
public sealed record AppendWrites(IReadOnlyList<Func<NpgsqlBatchCommand>> Before, IReadOnlyList<Func<NpgsqlBatchCommand>> After)
{
    public static readonly AppendWrites None = new([], []);
}
