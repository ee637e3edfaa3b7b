using NodaTime;

namespace GemPix.Domain.PrivacyRequests;

/// <summary>What can be asked of a privacy request. Each carries the instant it was issued at: deciders read no clock.</summary>
public abstract record PrivacyRequestCommand(Instant At);

/// <summary>A subject's request arrived at <paramref name="At"/>; a rectification names the corrected display name, email or both.</summary>
public sealed record ReceivePrivacyRequest(
    Guid SubjectId, Guid RequestId, PrivacyRequestType Type, Jurisdiction Jurisdiction, string? NewDisplayName, string? NewEmail, Instant At)
    : PrivacyRequestCommand(At);

/// <summary>The requester's identity was checked by <paramref name="Method"/>.</summary>
public sealed record VerifyPrivacyRequest(string Method, Instant At) : PrivacyRequestCommand(At);

/// <summary>Begin work on a verified request.</summary>
public sealed record StartPrivacyRequest(Instant At) : PrivacyRequestCommand(At);

/// <summary>The request was answered, with what it produced, if anything (see <see cref="PrivacyRequestResult"/>).</summary>
public sealed record CompletePrivacyRequest(PrivacyRequestResult? Result, Instant At) : PrivacyRequestCommand(At);

/// <summary>Refuse the request; the reason is told to the subject and must hold no personal data.</summary>
public sealed record DenyPrivacyRequest(string Reason, Instant At) : PrivacyRequestCommand(At);

/// <summary>
/// Move the due date to <paramref name="NewDueOn"/>. Issued by the act that sends the subject the notice with the
/// reason, at <paramref name="At"/>: the extension and its notice are one thing. The reason must hold no personal data.
/// </summary>
public sealed record ExtendPrivacyRequest(string Reason, LocalDate NewDueOn, Instant At) : PrivacyRequestCommand(At);
