using GemPix.Domain.Records;

namespace GemPix.Domain.Processing;

/// <summary>
/// Restriction (Art. 18) and objection (Art. 21) of a subject's processing. Restricting twice or objecting twice
/// changes nothing; lifting needs a restriction and a reason.
/// </summary>
[ProcessingActivity("Restriction and objection", "honouring restriction (Art. 18) and objection (Art. 21)", "GDPR Art. 6(1)(c): legal obligation", Recipients = ["cloud hosting"])]
public static class ProcessingDecider
{
    public const int MaxReasonLength = 500;

    public static Decision Decide(ProcessingCommand command, ProcessingState state) => command switch
    {
        RestrictProcessing when state.Restricted => Decision.Nothing,
        RestrictProcessing restrict => Decision.Accept(new ProcessingRestricted(state.SubjectId, restrict.RequestId, restrict.At)),
        LiftRestriction lift when !ReasonText.IsValid(lift.Reason, MaxReasonLength) => new LiftReasonRequired(),
        LiftRestriction when !state.Restricted => new NotRestricted(),
        LiftRestriction lift => Decision.Accept(new ProcessingRestrictionLifted(state.SubjectId, lift.Reason.Trim(), lift.At)),
        ObjectToProcessing when state.Objected => Decision.Nothing,
        ObjectToProcessing objection => Decision.Accept(new ProcessingObjected(state.SubjectId, objection.RequestId, objection.At)),
        _ => throw new InvalidOperationException($"No decision for {command.GetType().Name}."),
    };

    public static ProcessingState Evolve(ProcessingState state, object @event) => @event switch
    {
        ProcessingRestricted => state with { Restricted = true },
        ProcessingRestrictionLifted => state with { Restricted = false },
        ProcessingObjected => state with { Objected = true },
        _ => throw new InvalidOperationException($"Processing does not know the event {@event.GetType().Name}."),
    };
}
