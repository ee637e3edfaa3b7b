using GemPix.Domain.Generations;
using GemPix.Domain.Protection;
using NodaTime;

namespace GemPix.Domain.Tests.Generations;

public sealed class GenerationDeciderTests
{
    private static readonly Guid Subject = Guid.NewGuid();
    private static readonly Guid Generation = Guid.NewGuid();
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 10, 0);
    private static readonly GenerationRequested Requested = new(Subject, Generation, new Personal<string>("a fox", Generation), 1024, 1024, 7, null, 2, Now);

    private static DeciderSpec<GenerationState, GenerationCommand> Spec() => new(GenerationDecider.Decide, GenerationDecider.Evolve, GenerationDecider.Initial);

    [Fact]
    public void A_request_is_queued_at_its_price_with_the_prompt_under_the_generation_s_key() =>
        Spec().When(new RequestGeneration(Subject, Generation, " a fox ", 1024, 1024, 7, null, Now)).Then(Requested);

    [Theory]
    [InlineData(3840, 2160, 9)]
    [InlineData(2160, 3840, 9)]
    [InlineData(64, 64, 1)]
    public void Four_k_in_either_orientation_is_the_limit(int width, int height, int credits) =>
        Spec().When(new RequestGeneration(Subject, Generation, "p", width, height, null, null, Now))
            .Then(new GenerationRequested(Subject, Generation, new Personal<string>("p", Generation), width, height, null, null, credits, Now));

    [Theory]
    [InlineData(3841, 2160)]
    [InlineData(3840, 2161)]
    [InlineData(0, 512)]
    [InlineData(-512, 512)]
    [InlineData(int.MaxValue, int.MaxValue)]
    public void Other_dimensions_are_refused(int width, int height) =>
        Spec().When(new RequestGeneration(Subject, Generation, "p", width, height, null, null, Now)).ThenRejects<InvalidDimensions>();

    [Fact]
    public void Prompts_of_one_to_two_thousand_characters_pass_and_others_do_not()
    {
        var twoThousandEmoji = string.Concat(Enumerable.Repeat("🦊", 2000));
        Spec().When(new RequestGeneration(Subject, Generation, twoThousandEmoji, 512, 512, null, null, Now)).Then(
            new GenerationRequested(Subject, Generation, new Personal<string>(twoThousandEmoji, Generation), 512, 512, null, null, 1, Now));
        Spec().When(new RequestGeneration(Subject, Generation, twoThousandEmoji + "🦊", 512, 512, null, null, Now)).ThenRejects<InvalidPrompt>();
        Spec().When(new RequestGeneration(Subject, Generation, "   ", 512, 512, null, null, Now)).ThenRejects<InvalidPrompt>();
        Spec().When(new RequestGeneration(Subject, Generation, "a\u0007b", 512, 512, null, null, Now)).ThenRejects<InvalidPrompt>();
    }

    [Fact]
    public void A_negative_seed_is_refused() =>
        Spec().When(new RequestGeneration(Subject, Generation, "p", 512, 512, -1, null, Now)).ThenRejects<InvalidSeed>();

    [Fact]
    public void The_worker_starts_and_completes_it()
    {
        Spec().Given(Requested).When(new StartGeneration(1, Now)).Then(new GenerationStarted(Subject, Generation, 1, Now));
        Spec().Given(Requested, new GenerationStarted(Subject, Generation, 1, Now)).When(new CompleteGeneration(Guid.Empty, "abcd", Now))
            .Then(new GenerationSucceeded(Subject, Generation, Guid.Empty, "abcd", Now));
    }

    [Fact]
    public void A_failed_attempt_requeues_and_the_final_one_ends_the_job()
    {
        var started = new GenerationStarted(Subject, Generation, 1, Now);
        var failed = new GenerationFailed(Subject, Generation, 1, "timeout", false, Now);
        Spec().Given(Requested, started, failed).When(new StartGeneration(2, Now)).Then(new GenerationStarted(Subject, Generation, 2, Now));
        Spec().Given(Requested, started, new GenerationFailed(Subject, Generation, 1, "timeout", true, Now)).When(new CompleteGeneration(Guid.Empty, "x", Now))
            .ThenRejects<GenerationFinished>();
    }

    [Fact]
    public void A_job_dead_lettered_between_attempts_fails_finally_and_only_finally()
    {
        var started = new GenerationStarted(Subject, Generation, 3, Now);
        var failed = new GenerationFailed(Subject, Generation, 3, "InvalidOperationException", false, Now);
        Spec().Given(Requested, started, failed).When(new FailGeneration(3, "dead-lettered", true, Now))
            .Then(new GenerationFailed(Subject, Generation, 3, "dead-lettered", true, Now));
        Spec().Given(Requested).When(new FailGeneration(1, "again", false, Now)).ThenRejects<GenerationNotFound>();
    }

    [Fact]
    public void A_deleted_generation_is_gone_and_deleting_again_changes_nothing()
    {
        Spec().Given(Requested).When(new DeleteGeneration(Now)).Then(new GenerationDeleted(Subject, Generation, Now));
        Spec().Given(Requested, new GenerationDeleted(Subject, Generation, Now)).When(new DeleteGeneration(Now)).ThenNothing();
        Spec().Given(Requested, new GenerationDeleted(Subject, Generation, Now)).When(new StartGeneration(1, Now)).ThenRejects<GenerationNotFound>();
    }
}
