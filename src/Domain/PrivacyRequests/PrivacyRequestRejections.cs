using GemPix.Domain.Serialization;
using NodaTime;
using NodaTime.Text;

namespace GemPix.Domain.PrivacyRequests;

/// <summary>No request was received under this id.</summary>
public sealed record PrivacyRequestNotFound() : Rejection("privacy-request-not-found", "There is no such privacy request.");

/// <summary>The request was completed or denied: nothing more happens to it.</summary>
public sealed record PrivacyRequestClosed() : Rejection("privacy-request-closed", "This privacy request was completed or denied already.");

/// <summary>The lifecycle has no such step from here: a request is verified before work starts, and started before it completes.</summary>
public sealed record InvalidTransition(PrivacyRequestStatus Status, string Action)
    : Rejection("invalid-transition", $"A {GemPixJson.EnumName(Status)} request cannot be {Action}.");

/// <summary>A denial or an extension without a usable reason.</summary>
public sealed record ReasonRequired(int MaxLength)
    : Rejection("reason-required", $"A reason of 1 to {MaxLength} characters (line breaks allowed, no other control characters) is required.")
{
    public override string? Field => "reason";
}

/// <summary>A verification that does not say how the identity was checked.</summary>
public sealed record VerificationMethodRequired()
    : Rejection("verification-method-required", "Say how the requester's identity was verified.")
{
    public override string? Field => "method";
}

/// <summary>A rectification without corrections, or another request with them.</summary>
/// <param name="Name">The request field at fault.</param>
public sealed record InvalidRequestDetails(string Reason, string Name) : Rejection("invalid-request-details", Reason)
{
    public override string? Field => Name;
}

/// <summary>A completion whose result does not fit the request's type, or is empty.</summary>
public sealed record InvalidResult(PrivacyRequestType Type)
    : Rejection("invalid-result", $"A request of type {GemPixJson.EnumName(Type)} cannot complete with this result: an export is for access and portability, a deletion certificate for erasure, and any request may complete with none.");

/// <summary>A second extension: the law allows one.</summary>
public sealed record AlreadyExtended() : Rejection("already-extended", "This request was extended already; it can be extended once.");

/// <summary>An extension after the first due date ended: the subject must be told within it.</summary>
public sealed record ExtensionTooLate(LocalDate DueOn)
    : Rejection("extension-too-late", $"The request was due on {LocalDatePattern.Iso.Format(DueOn)}, which has ended: an extension must be given before its first due date ends.")
{
    public override string? Field => "newDueOn";
}

/// <summary>An extension beyond the jurisdiction's maximum, counted from receipt.</summary>
public sealed record ExtensionTooLong(LocalDate LatestDueOn)
    : Rejection("extension-too-long", $"The due date can move to {LocalDatePattern.Iso.Format(LatestDueOn)} at the latest.")
{
    public override string? Field => "newDueOn";
}

/// <summary>An "extension" to the current due date or an earlier one.</summary>
public sealed record ExtensionNotLater(LocalDate DueOn)
    : Rejection("extension-not-later", $"The new due date must be after the current one, {LocalDatePattern.Iso.Format(DueOn)}.")
{
    public override string? Field => "newDueOn";
}
