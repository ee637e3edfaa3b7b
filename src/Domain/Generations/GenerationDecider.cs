using GemPix.Domain.Records;

namespace GemPix.Domain.Generations;

/// <summary>
/// A generation from request to result: validated when requested, then started, succeeded or failed by the
/// worker (the last failure is final), and deletable at any time. Credits are handled by the credit decider,
/// from these events.
/// </summary>
[ProcessingActivity("Image generation", "rendering images from prompts and reference images, download history", "GDPR Art. 6(1)(b): performance of the contract", Recipients = ["cloud hosting", "GPU compute"], AutomatedDecisions = "images are generated automatically; no decision with legal or similarly significant effect is made")]
public static class GenerationDecider
{
    public static GenerationState Initial { get; } = new GenerationState.None();

    public static bool IsTerminal(GenerationState state) => state is GenerationState.Deleted;

    public static Decision Decide(GenerationCommand command, GenerationState state) => (command, state) switch
    {
        (RequestGeneration request, GenerationState.None) => Request(request),
        (RequestGeneration, _) => Decision.Nothing,
        (_, GenerationState.None) => new GenerationNotFound(),
        (DeleteGeneration, GenerationState.Deleted) => Decision.Nothing,
        (_, GenerationState.Deleted) => new GenerationNotFound(),
        (DeleteGeneration delete, GenerationState.Existing g) => Decision.Accept(new GenerationDeleted(g.SubjectId, g.GenerationId, delete.At)),
        (StartGeneration start, GenerationState.Existing { Status: GenerationStatus.Queued or GenerationStatus.Running } g) when start.Attempt > g.Attempts =>
            Decision.Accept(new GenerationStarted(g.SubjectId, g.GenerationId, start.Attempt, start.At)),
        (StartGeneration, GenerationState.Existing { Status: GenerationStatus.Queued or GenerationStatus.Running }) => Decision.Nothing,
        (CompleteGeneration done, GenerationState.Existing { Status: GenerationStatus.Running } g) =>
            Decision.Accept(new GenerationSucceeded(g.SubjectId, g.GenerationId, done.ImageBlobId, done.Fingerprint, done.At)),
        (FailGeneration fail, GenerationState.Existing { Status: GenerationStatus.Running } g) =>
            Decision.Accept(new GenerationFailed(g.SubjectId, g.GenerationId, fail.Attempt, fail.Reason, fail.Final, fail.At)),
        // Dead-lettered between attempts (the last one failed, or its worker died): the job ends here.
        (FailGeneration { Final: true } fail, GenerationState.Existing { Status: GenerationStatus.Queued } g) =>
            Decision.Accept(new GenerationFailed(g.SubjectId, g.GenerationId, fail.Attempt, fail.Reason, true, fail.At)),
        (CompleteGeneration or FailGeneration, GenerationState.Existing { Status: GenerationStatus.Succeeded or GenerationStatus.Failed }) => new GenerationFinished(),
        (CompleteGeneration or FailGeneration, GenerationState.Existing) => new GenerationNotFound(),
        (StartGeneration, GenerationState.Existing) => new GenerationFinished(),
        _ => throw new InvalidOperationException($"No decision for {command.GetType().Name} in {state.GetType().Name}."),
    };

    public static GenerationState Evolve(GenerationState state, object @event) => (state, @event) switch
    {
        (_, GenerationRequested r) => new GenerationState.Existing(r.SubjectId, r.GenerationId, GenerationStatus.Queued, 0, r.Credits),
        (GenerationState.Existing g, GenerationStarted s) => g with { Status = GenerationStatus.Running, Attempts = s.Attempt },
        (GenerationState.Existing g, GenerationSucceeded) => g with { Status = GenerationStatus.Succeeded },
        (GenerationState.Existing g, GenerationFailed f) => g with { Status = f.Final ? GenerationStatus.Failed : GenerationStatus.Queued },
        (GenerationState.Existing g, GenerationDeleted) => new GenerationState.Deleted(g.SubjectId, g.GenerationId),
        _ => throw new InvalidOperationException($"A generation in {state.GetType().Name} does not know the event {@event.GetType().Name}."),
    };

    private static Decision Request(RequestGeneration request)
    {
        var prompt = request.Prompt.Trim();
        var length = prompt.EnumerateRunes().Count();
        if (length is 0 or > GenerationLimits.MaxPromptLength || prompt.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
        {
            return new InvalidPrompt(GenerationLimits.MaxPromptLength);
        }

        if (!GenerationLimits.AreValidDimensions(request.Width, request.Height))
        {
            return new InvalidDimensions(GenerationLimits.SideAtFault(request.Width, request.Height));
        }

        if (request.Seed is < 0 or > GenerationLimits.MaxSeed)
        {
            return new InvalidSeed();
        }

        return Decision.Accept(new GenerationRequested(
            request.SubjectId,
            request.GenerationId,
            new Protection.Personal<string>(prompt, request.GenerationId),
            request.Width,
            request.Height,
            request.Seed,
            request.ReferenceUploadId,
            GenerationLimits.CreditsFor(request.Width, request.Height),
            request.At));
    }
}
