namespace GemPix.Domain.Processing;

public sealed record ProcessingIsRestricted()
    : Rejection("processing-restricted", "Processing of this account is restricted (GDPR Art. 18): nothing beyond storage until the restriction is lifted.");

public sealed record NotRestricted() : Rejection("not-restricted", "Processing of this account is not restricted.");

public sealed record LiftReasonRequired() : Rejection("reason-required", "Say why the restriction no longer applies.")
{
    public override string? Field => "reason";
}
