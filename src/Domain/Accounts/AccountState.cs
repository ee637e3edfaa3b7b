using NodaTime;

namespace GemPix.Domain.Accounts;

/// <summary>An account as commands see it: none yet, open, or erased (terminal).</summary>
public abstract record AccountState
{
    private AccountState()
    {
    }

    public sealed record None : AccountState;

    public sealed record Open(Guid SubjectId, string Country, Instant RegisteredAt) : AccountState;

    public sealed record Erased(Guid SubjectId) : AccountState;
}
