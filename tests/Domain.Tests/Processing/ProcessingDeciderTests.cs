using GemPix.Domain.Processing;
using NodaTime;

namespace GemPix.Domain.Tests.Processing;

public sealed class ProcessingDeciderTests
{
    private static readonly Guid Subject = Guid.NewGuid();
    private static readonly Guid Request = Guid.NewGuid();
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 10, 0);

    private static DeciderSpec<ProcessingState, ProcessingCommand> Spec() => new(ProcessingDecider.Decide, ProcessingDecider.Evolve, ProcessingState.For(Subject));

    [Fact]
    public void A_restriction_stops_generation_until_it_is_lifted_with_a_reason()
    {
        Spec().When(new RestrictProcessing(Request, Now)).Then(new ProcessingRestricted(Subject, Request, Now));
        Spec().Given(new ProcessingRestricted(Subject, Request, Now)).When(new RestrictProcessing(null, Now)).ThenNothing();
        Spec().Given(new ProcessingRestricted(Subject, Request, Now)).When(new LiftRestriction(" accuracy verified ", Now))
            .Then(new ProcessingRestrictionLifted(Subject, "accuracy verified", Now));
        Spec().Given(new ProcessingRestricted(Subject, Request, Now)).When(new LiftRestriction(" ", Now)).ThenRejects<LiftReasonRequired>();
        Spec().When(new LiftRestriction("nothing to lift", Now)).ThenRejects<NotRestricted>();
        Spec().Given(new ProcessingRestricted(Subject, Request, Now)).When(new LiftRestriction("verified\0", Now)).ThenRejects<LiftReasonRequired>();
        Spec().Given(new ProcessingRestricted(Subject, Request, Now)).When(new LiftRestriction("checked\nand verified", Now))
            .Then(new ProcessingRestrictionLifted(Subject, "checked\nand verified", Now));

        var restricted = ProcessingDecider.Evolve(ProcessingState.For(Subject), new ProcessingRestricted(Subject, Request, Now));
        restricted.AllowsGeneration.Should().BeFalse();
        ProcessingDecider.Evolve(restricted, new ProcessingRestrictionLifted(Subject, "r", Now)).AllowsGeneration.Should().BeTrue();
    }

    [Fact]
    public void An_objection_is_recorded_once_and_ends_model_training_but_not_generation()
    {
        Spec().When(new ObjectToProcessing(Request, Now)).Then(new ProcessingObjected(Subject, Request, Now));
        Spec().Given(new ProcessingObjected(Subject, Request, Now)).When(new ObjectToProcessing(null, Now)).ThenNothing();

        var objected = ProcessingDecider.Evolve(ProcessingState.For(Subject), new ProcessingObjected(Subject, Request, Now));
        objected.AllowsModelTraining.Should().BeFalse();
        objected.AllowsGeneration.Should().BeTrue();
    }
}
