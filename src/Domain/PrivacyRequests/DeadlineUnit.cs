namespace GemPix.Domain.PrivacyRequests;

/// <summary>How a deadline's length is counted: calendar months (GDPR) or days (CCPA).</summary>
public enum DeadlineUnit
{
    Months,
    Days,
}
