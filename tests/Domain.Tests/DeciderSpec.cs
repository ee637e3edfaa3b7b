namespace GemPix.Domain.Tests;

/// <summary>Given events, when a command, then events (or a rejection, or nothing): a decider test in one line.</summary>
public sealed class DeciderSpec<TState, TCommand>(Func<TCommand, TState, Decision> decide, Func<TState, object, TState> evolve, TState initial)
{
    private IReadOnlyList<object> _history = [];
    private Decision? _decision;

    public DeciderSpec<TState, TCommand> Given(params object[] events)
    {
        _history = events;
        return this;
    }

    public DeciderSpec<TState, TCommand> When(TCommand command)
    {
        _decision = decide(command, _history.Aggregate(initial, evolve));
        return this;
    }

    public void Then(params object[] expected)
    {
        _decision!.Rejection.Should().BeNull();
        _decision.Events.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering().RespectingRuntimeTypes());
    }

    public void ThenNothing() => Then();

    public T ThenRejects<T>()
        where T : Rejection
    {
        _decision!.Events.Should().BeEmpty();
        return _decision.Rejection.Should().BeOfType<T>().Subject;
    }
}
