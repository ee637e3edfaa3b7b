namespace GemPix.Domain;

/// <summary>
/// What a decider decided: the events to append, or a typed rejection that says why not. A repeated
/// command that changes nothing decides no events and no rejection.
/// </summary>
public sealed record Decision
{
    private Decision(IReadOnlyList<object> events, Rejection? rejection)
    {
        Events = events;
        Rejection = rejection;
    }

    public static Decision Nothing { get; } = new([], null);

    public IReadOnlyList<object> Events { get; }

    public Rejection? Rejection { get; }

    public bool IsRejected => Rejection is not null;

    public static Decision Accept(params object[] events) => new(events, null);

    public static Decision Reject(Rejection rejection) => new([], rejection);

    public static implicit operator Decision(Rejection rejection) => Reject(rejection);
}
