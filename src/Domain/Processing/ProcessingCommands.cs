using NodaTime;

namespace GemPix.Domain.Processing;

public abstract record ProcessingCommand(Instant At);

public sealed record RestrictProcessing(Guid? RequestId, Instant At) : ProcessingCommand(At);

/// <summary>End a restriction; the reason (why it no longer applies, Art. 18(3)) is recorded and must hold no personal data.</summary>
public sealed record LiftRestriction(string Reason, Instant At) : ProcessingCommand(At);

public sealed record ObjectToProcessing(Guid? RequestId, Instant At) : ProcessingCommand(At);
