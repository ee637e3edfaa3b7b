namespace GemPix.Domain.Generations;

public sealed record InvalidPrompt(int MaxLength)
    : Rejection("invalid-prompt", $"The prompt must be 1 to {MaxLength} characters, without control characters.")
{
    public override string? Field => "prompt";
}

/// <param name="Side">The request field at fault: the side out of range, or the shorter side when both are in range but too large together.</param>
public sealed record InvalidDimensions(string Side)
    : Rejection("invalid-dimensions", $"Width and height must be {GenerationLimits.MinSide} to {GenerationLimits.MaxLongSide} pixels, the shorter side at most {GenerationLimits.MaxShortSide} (4K).")
{
    public override string? Field => Side;
}

public sealed record InvalidSeed() : Rejection("invalid-seed", "The seed must be a whole number from 0 to 2^53.")
{
    public override string? Field => "seed";
}

public sealed record GenerationNotFound() : Rejection("generation-not-found", "There is no such generation.");

public sealed record GenerationFinished() : Rejection("generation-finished", "This generation has finished already.");
