using NodaTime;

namespace GemPix.Projections.Exports;

/// <summary>
/// One file <c>data/&lt;category&gt;.json</c>: the category's events in order and, where it helps a person, a summary
/// of how things stand now. Its JSON Schema is generated from this record (<see cref="ExportSchemas"/>).
/// </summary>
/// <param name="Summary">The current state folded from the events (the profile, each consent, the balance); absent where the events say it all.</param>
internal sealed record CategoryDocument(
    string Category,
    string Title,
    string Description,
    Guid SubjectId,
    Instant GeneratedAt,
    int EventCount,
    object? Summary,
    ExportedEventList Events);
