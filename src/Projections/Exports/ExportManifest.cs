using NodaTime;

namespace GemPix.Projections.Exports;

/// <summary>
/// <c>manifest.json</c> at the archive's root: every other file with its SHA-256 and size, what each category holds,
/// and how many of the subject's events the archive represents (all of them, read in one snapshot).
/// </summary>
/// <param name="Counts">Events per category (by <see cref="ExportCategory.Name"/>), then <c>images</c> (included) and <c>erasedImages</c>.</param>
/// <param name="EventsRepresented">The subject's events in the archive: the count of their rows in <c>gempix.events</c> when it was made.</param>
public sealed record ExportManifest(
    Guid RequestId,
    Guid SubjectId,
    Instant GeneratedAt,
    IReadOnlyList<ExportedFile> Files,
    IReadOnlyDictionary<string, int> Counts,
    long EventsRepresented)
{
    public const string Path = "manifest.json";
}
