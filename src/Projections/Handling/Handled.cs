using GemPix.Domain;

namespace GemPix.Projections.Handling;

/// <summary>What a command did: the state after it, the events it appended, or why it was refused.</summary>
public sealed record Handled<TState>(TState State, IReadOnlyList<object> Events, Rejection? Rejection)
{
    public bool IsRejected => Rejection is not null;
}
