namespace GemPix.Domain.Consents;

public sealed record UnknownNoticeVersion(ConsentPurpose Purpose, int Current)
    : Rejection("unknown-notice-version", $"Consent to {Purpose} can only be given to its current notice, version {Current}.")
{
    public override string? Field => "policyVersion";
}
