using GemPix.Domain;

namespace GemPix.Projections.Handling;

/// <summary>One aggregate's decider as a value, so that one handler can run them all.</summary>
public sealed record Decider<TCommand, TState>(
    string StreamType, TState Initial, Func<TCommand, TState, Decision> Decide, Func<TState, object, TState> Evolve);
