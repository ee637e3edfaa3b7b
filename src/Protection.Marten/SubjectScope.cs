namespace GemPix.Protection.Marten;

/// <summary>
/// Whose values the serializer is writing or reading now, and as part of which stored type. System.Text.Json hands a
/// converter the value alone; the owner's converter opens this scope around the owner, so that the converters of its
/// protected fields, deeper in the same synchronous call, can bind subject and field into the associated data.
/// Thread-static because a serializer call never leaves its thread; nested scopes stack.
/// </summary>
internal sealed class SubjectScope : IDisposable
{
    [ThreadStatic]
    private static SubjectScope? _current;

    private readonly SubjectScope? _outer;

    private SubjectScope(Guid subjectId, string owner)
    {
        SubjectId = subjectId;
        Owner = owner;
        _outer = _current;
        _current = this;
    }

    public static SubjectScope? Current => _current;

    public Guid SubjectId { get; }

    /// <summary>The stored name of the event or document that owns the values.</summary>
    public string Owner { get; }

    public static SubjectScope Open(Guid subjectId, string owner) => new(subjectId, owner);

    public void Dispose() => _current = _outer;
}
