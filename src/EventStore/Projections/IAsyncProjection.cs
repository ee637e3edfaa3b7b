using Npgsql;

namespace GemPix.EventStore.Projections;

/// <summary>
/// A read model built after the fact by the projection daemon, in the global order. Its writes go through the
/// transaction it is handed, which also moves its checkpoint: each event's effect lands exactly once.
/// </summary>
public interface IAsyncProjection
{
    /// <summary>A stable name: the checkpoint's key. Renaming it rebuilds the projection from the start.</summary>
    string Name { get; }

    /// <summary>Applies a page of events, in order, through <paramref name="transaction"/> only.</summary>
    Task ApplyAsync(IReadOnlyList<RecordedEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Removes everything the projection wrote, so a rebuild can replay from the start.</summary>
    Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
