namespace GemPix.Domain.PrivacyRequests;

/// <summary>Where a request stands: received, the subject's identity verified, in progress, then completed or denied (both final).</summary>
public enum PrivacyRequestStatus
{
    Received,
    Verified,
    InProgress,
    Completed,
    Denied,
}
