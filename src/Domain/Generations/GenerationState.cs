namespace GemPix.Domain.Generations;

public enum GenerationStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>A generation job: none yet, or its status; deleted is terminal.</summary>
public abstract record GenerationState
{
    private GenerationState()
    {
    }

    public sealed record None : GenerationState;

    public sealed record Existing(Guid SubjectId, Guid GenerationId, GenerationStatus Status, int Attempts, int Credits) : GenerationState;

    public sealed record Deleted(Guid SubjectId, Guid GenerationId) : GenerationState;
}
