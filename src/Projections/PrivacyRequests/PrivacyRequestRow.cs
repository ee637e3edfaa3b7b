using NodaTime;

namespace GemPix.Projections.PrivacyRequests;

/// <summary>One row of <c>gempix.privacy_requests</c>.</summary>
public sealed record PrivacyRequestRow(
    Guid RequestId,
    Guid? SubjectId,
    string Type,
    string Jurisdiction,
    string Status,
    Instant ReceivedAt,
    LocalDate DueOn,
    Instant DueAt,
    LocalDate? AcknowledgeBy,
    bool Extended,
    string PolicyVersion,
    Instant? CompletedAt,
    string? ResultKind,
    string? ResultReference,
    string? DeniedReason,
    string? Flag)
{
    public bool IsOpen => Status is not ("completed" or "denied");
}
