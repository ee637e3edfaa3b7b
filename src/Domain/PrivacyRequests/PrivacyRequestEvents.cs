using NodaTime;

namespace GemPix.Domain.PrivacyRequests;

/// <summary>
/// A data subject asked to exercise a right. The deadlines are computed once, here, under the policy frozen
/// with the request: a later change to <see cref="RequestPolicy.Current"/> leaves this request as it was.
/// </summary>
/// <param name="DueOn">The first due date (UTC); the answer is on time throughout it.</param>
/// <param name="DueAt">The end of <paramref name="DueOn"/>: the start of the following day in UTC, exclusive.</param>
/// <param name="AcknowledgeBy">The date receipt must be confirmed by (CCPA); null under the GDPR.</param>
/// <param name="Details">The corrections asked for, for a rectification; null otherwise.</param>
[StoredEvent("privacy-request-received")]
public sealed record PrivacyRequestReceived(
    Guid SubjectId,
    Guid RequestId,
    PrivacyRequestType Type,
    Jurisdiction Jurisdiction,
    Instant ReceivedAt,
    LocalDate DueOn,
    Instant DueAt,
    LocalDate? AcknowledgeBy,
    RequestPolicy Policy,
    RectificationDetails? Details);

/// <summary>The requester was shown to be the subject.</summary>
/// <param name="Method">How, by its code (a signed-in session, a confirmed email link); never the evidence itself.</param>
[StoredEvent("privacy-request-verified")]
public sealed record PrivacyRequestVerified(Guid SubjectId, Guid RequestId, string Method, Instant At);

/// <summary>Work on the answer began.</summary>
[StoredEvent("privacy-request-started")]
public sealed record PrivacyRequestStarted(Guid SubjectId, Guid RequestId, Instant At);

/// <summary>The request was answered; <paramref name="Result"/> points at what it produced, if anything.</summary>
[StoredEvent("privacy-request-completed")]
public sealed record PrivacyRequestCompleted(Guid SubjectId, Guid RequestId, PrivacyRequestResult? Result, Instant At);

/// <summary>The request was refused.</summary>
/// <param name="Reason">Staff's free text, told to the subject; it must hold no personal data (it is never erased).</param>
[StoredEvent("privacy-request-denied")]
public sealed record PrivacyRequestDenied(Guid SubjectId, Guid RequestId, string Reason, Instant At);

/// <summary>
/// The due date moved later, once, within the jurisdiction's maximum, before the first due date ended, and the
/// subject was told with the reason at <paramref name="NoticeSentAt"/>: there is no extension without its notice.
/// </summary>
/// <param name="Reason">Staff's free text, told to the subject; it must hold no personal data (it is never erased).</param>
/// <param name="NewDueAt">The end of <paramref name="NewDueOn"/>: the start of the following day in UTC, exclusive.</param>
[StoredEvent("privacy-request-extended")]
public sealed record PrivacyRequestExtended(
    Guid SubjectId, Guid RequestId, string Reason, LocalDate NewDueOn, Instant NewDueAt, Instant NoticeSentAt, Instant At);
