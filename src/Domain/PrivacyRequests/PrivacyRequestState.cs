using NodaTime;

namespace GemPix.Domain.PrivacyRequests;

/// <summary>A privacy request as commands see it: none yet, or where it stands; completed and denied are terminal.</summary>
public abstract record PrivacyRequestState
{
    private PrivacyRequestState()
    {
    }

    /// <summary>No request was received under this id.</summary>
    public sealed record None : PrivacyRequestState;

    /// <summary>A received request and where it stands.</summary>
    /// <param name="DueOn">The current due date: the first one, or the extended one.</param>
    /// <param name="Policy">The policy frozen at receipt; the deadline rule comes from it, never from the current policy.</param>
    public sealed record Existing(
        Guid SubjectId,
        Guid RequestId,
        PrivacyRequestType Type,
        Jurisdiction Jurisdiction,
        PrivacyRequestStatus Status,
        LocalDate ReceivedOn,
        LocalDate DueOn,
        bool Extended,
        RequestPolicy Policy) : PrivacyRequestState
    {
        /// <summary>Completed or denied: no further step applies.</summary>
        public bool IsClosed => Status is PrivacyRequestStatus.Completed or PrivacyRequestStatus.Denied;
    }
}
