using Npgsql;

namespace GemPix.EventStore.Projections;

/// <summary>
/// A read model kept in the append's own transaction: when the append commits, the model has it; when a
/// statement of the model fails (a unique index, say), the append fails with it. For state that commands are
/// validated against, and for uniqueness.
/// </summary>
public interface IInlineProjection
{
    /// <summary>Adds the statements for one appended event to the unit of work's batch.</summary>
    void Project(InlineEvent @event, NpgsqlBatch batch);
}
