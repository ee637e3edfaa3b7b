using System.Data;
using GemPix.EventStore;
using Npgsql;

namespace GemPix.Projections.Exports;

/// <summary>
/// A subject's events as the export needs them: split by category (serialised, in order) and folded into the
/// summaries, all read in one REPEATABLE READ snapshot, so that the count the manifest states is exactly what the
/// files hold, whatever is appended meanwhile.
/// </summary>
internal sealed class SubjectEvents : IDisposable
{
    private readonly Dictionary<ExportCategory, ExportedEventList> _byCategory = [];

    private SubjectEvents()
    {
    }

    /// <summary>How many of the subject's events were read: every row of theirs in the snapshot.</summary>
    public long Count { get; private set; }

    public static async Task<SubjectEvents> ReadAsync(
        NpgsqlDataSource dataSource, SubjectEventReader reader, Guid subjectId, IReadOnlyList<ISummaryFold> folds, CancellationToken cancellationToken)
    {
        var foldOf = folds.ToDictionary(f => f.Category);
        var events = new SubjectEvents();
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            await foreach (var recorded in reader.ReadAsync(subjectId, connection, transaction, cancellationToken))
            {
                var category = ExportCategory.Of(recorded.Data.GetType());
                events.ListOf(category).Add(ExportedEvent.From(recorded));
                foldOf.GetValueOrDefault(category)?.Apply(recorded);
                events.Count++;
            }

            await transaction.CommitAsync(cancellationToken);
            return events;
        }
        catch
        {
            events.Dispose();
            throw;
        }
    }

    /// <summary>The category's events; an empty list where the subject has none of them.</summary>
    public ExportedEventList ListOf(ExportCategory category)
    {
        if (!_byCategory.TryGetValue(category, out var list))
        {
            list = new ExportedEventList();
            _byCategory[category] = list;
        }

        return list;
    }

    public bool Has(ExportCategory category) => _byCategory.ContainsKey(category);

    public void Dispose()
    {
        foreach (var list in _byCategory.Values)
        {
            list.Dispose();
        }
    }
}
