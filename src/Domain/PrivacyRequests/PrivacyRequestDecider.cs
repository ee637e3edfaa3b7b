using GemPix.Domain.Protection;
using GemPix.Domain.Records;

namespace GemPix.Domain.PrivacyRequests;

/// <summary>
/// A data subject's request from receipt to its answer: received, verified, in progress, completed; or denied
/// with a reason at any point before completion. The due date may be extended once, with a reason and a
/// notice to the subject, before the first one ends and within the jurisdiction's maximum. Deadlines follow the
/// policy frozen at receipt. Repeating a step already taken changes nothing.
/// </summary>
[ProcessingActivity("Data-subject requests", "answering access, portability, erasure, rectification, restriction and objection requests within their deadlines", "GDPR Art. 6(1)(c): legal obligation (Art. 12 to 22)", Recipients = ["supervisory authorities, when legally compelled"], Retention = "the record of the request is kept; its personal details go with erasure")]
public static class PrivacyRequestDecider
{
    public const int MaxReasonLength = 500;

    public static PrivacyRequestState Initial { get; } = new PrivacyRequestState.None();

    public static bool IsTerminal(PrivacyRequestState state) => state is PrivacyRequestState.Existing { IsClosed: true };

    public static Decision Decide(PrivacyRequestCommand command, PrivacyRequestState state) => (command, state) switch
    {
        (ReceivePrivacyRequest receive, PrivacyRequestState.None) => Receive(receive),
        (ReceivePrivacyRequest, _) => Decision.Nothing,
        (_, PrivacyRequestState.None) => new PrivacyRequestNotFound(),
        (CompletePrivacyRequest, PrivacyRequestState.Existing { Status: PrivacyRequestStatus.Completed }) => Decision.Nothing,
        (DenyPrivacyRequest, PrivacyRequestState.Existing { Status: PrivacyRequestStatus.Denied }) => Decision.Nothing,
        (_, PrivacyRequestState.Existing { IsClosed: true }) => new PrivacyRequestClosed(),
        (VerifyPrivacyRequest verify, PrivacyRequestState.Existing { Status: PrivacyRequestStatus.Received } r) => Verify(verify, r),
        (VerifyPrivacyRequest, PrivacyRequestState.Existing) => Decision.Nothing,
        (StartPrivacyRequest start, PrivacyRequestState.Existing { Status: PrivacyRequestStatus.Verified } r) =>
            Decision.Accept(new PrivacyRequestStarted(r.SubjectId, r.RequestId, start.At)),
        (StartPrivacyRequest, PrivacyRequestState.Existing { Status: PrivacyRequestStatus.InProgress }) => Decision.Nothing,
        (StartPrivacyRequest, PrivacyRequestState.Existing r) => new InvalidTransition(r.Status, "started"),
        (CompletePrivacyRequest complete, PrivacyRequestState.Existing { Status: PrivacyRequestStatus.InProgress } r) => Complete(complete, r),
        (CompletePrivacyRequest, PrivacyRequestState.Existing r) => new InvalidTransition(r.Status, "completed"),
        (DenyPrivacyRequest deny, PrivacyRequestState.Existing r) => ValidReason(deny.Reason) is { } invalid
            ? invalid
            : Decision.Accept(new PrivacyRequestDenied(r.SubjectId, r.RequestId, deny.Reason.Trim(), deny.At)),
        (ExtendPrivacyRequest extend, PrivacyRequestState.Existing r) => Extend(extend, r),
        _ => throw new InvalidOperationException($"No decision for {command.GetType().Name} in {state.GetType().Name}."),
    };

    public static PrivacyRequestState Evolve(PrivacyRequestState state, object @event) => (state, @event) switch
    {
        (_, PrivacyRequestReceived r) => new PrivacyRequestState.Existing(
            r.SubjectId, r.RequestId, r.Type, r.Jurisdiction, PrivacyRequestStatus.Received, RequestDeadlines.ReceivedOn(r.ReceivedAt), r.DueOn, false, r.Policy),
        (PrivacyRequestState.Existing r, PrivacyRequestVerified) => r with { Status = PrivacyRequestStatus.Verified },
        (PrivacyRequestState.Existing r, PrivacyRequestStarted) => r with { Status = PrivacyRequestStatus.InProgress },
        (PrivacyRequestState.Existing r, PrivacyRequestCompleted) => r with { Status = PrivacyRequestStatus.Completed },
        (PrivacyRequestState.Existing r, PrivacyRequestDenied) => r with { Status = PrivacyRequestStatus.Denied },
        (PrivacyRequestState.Existing r, PrivacyRequestExtended e) => r with { DueOn = e.NewDueOn, Extended = true },
        _ => throw new InvalidOperationException($"A privacy request in {state.GetType().Name} does not know the event {@event.GetType().Name}."),
    };

    private static Decision Receive(ReceivePrivacyRequest receive)
    {
        var displayName = string.IsNullOrWhiteSpace(receive.NewDisplayName) ? null : receive.NewDisplayName.Trim();
        var email = string.IsNullOrWhiteSpace(receive.NewEmail) ? null : receive.NewEmail.Trim();
        var corrects = displayName is not null || email is not null;
        if (receive.Type == PrivacyRequestType.Rectification && !corrects)
        {
            return new InvalidRequestDetails("A rectification names the corrected display name, email or both.", "displayName");
        }

        if (receive.Type != PrivacyRequestType.Rectification && corrects)
        {
            return new InvalidRequestDetails("Only a rectification carries corrections.", displayName is not null ? "displayName" : "email");
        }

        var policy = RequestPolicy.Current;
        var rule = policy.DeadlineFor(receive.Jurisdiction);
        var receivedOn = RequestDeadlines.ReceivedOn(receive.At);
        var dueOn = RequestDeadlines.DueOn(rule, receivedOn);
        var details = corrects
            ? new RectificationDetails(PersonalOrNone(displayName), PersonalOrNone(email))
            : null;
        return Decision.Accept(new PrivacyRequestReceived(
            receive.SubjectId,
            receive.RequestId,
            receive.Type,
            receive.Jurisdiction,
            receive.At,
            dueOn,
            RequestDeadlines.DueAt(dueOn),
            RequestDeadlines.AcknowledgeBy(rule, receivedOn),
            policy,
            details));
    }

    private static Decision Verify(VerifyPrivacyRequest verify, PrivacyRequestState.Existing request) =>
        string.IsNullOrWhiteSpace(verify.Method)
            ? new VerificationMethodRequired()
            : Decision.Accept(new PrivacyRequestVerified(request.SubjectId, request.RequestId, verify.Method.Trim(), verify.At));

    private static Decision Complete(CompletePrivacyRequest complete, PrivacyRequestState.Existing request)
    {
        var fits = complete.Result switch
        {
            null => true,
            PrivacyRequestResult.Export export => request.Type is PrivacyRequestType.Access or PrivacyRequestType.Portability
                                                  && !string.IsNullOrWhiteSpace(export.Reference),
            PrivacyRequestResult.DeletionCertificate certificate => request.Type is PrivacyRequestType.Erasure && certificate.CertificateId != Guid.Empty,
            _ => false,
        };
        return fits
            ? Decision.Accept(new PrivacyRequestCompleted(request.SubjectId, request.RequestId, complete.Result, complete.At))
            : new InvalidResult(request.Type);
    }

    private static Decision Extend(ExtendPrivacyRequest extend, PrivacyRequestState.Existing request)
    {
        if (ValidReason(extend.Reason) is { } invalid)
        {
            return invalid;
        }

        if (request.Extended)
        {
            return new AlreadyExtended();
        }

        // Not extended yet, so the current due date is the first one: the notice must reach the subject within it.
        if (RequestDeadlines.IsOverdue(request.DueOn, extend.At))
        {
            return new ExtensionTooLate(request.DueOn);
        }

        if (extend.NewDueOn <= request.DueOn)
        {
            return new ExtensionNotLater(request.DueOn);
        }

        // The frozen rule, not the current one: the maximum is the one the request was received under.
        var latest = RequestDeadlines.LatestDueOn(request.Policy.DeadlineFor(request.Jurisdiction), request.ReceivedOn);
        if (extend.NewDueOn > latest)
        {
            return new ExtensionTooLong(latest);
        }

        return Decision.Accept(new PrivacyRequestExtended(
            request.SubjectId, request.RequestId, extend.Reason.Trim(), extend.NewDueOn, RequestDeadlines.DueAt(extend.NewDueOn), extend.At, extend.At));
    }

    // Typed as nullable on purpose: a bare null would convert to Personal<string> through its implicit operator.
    private static Personal<string>? PersonalOrNone(string? value) => value is null ? default(Personal<string>?) : new Personal<string>(value);

    private static ReasonRequired? ValidReason(string reason) => ReasonText.IsValid(reason, MaxReasonLength) ? null : new ReasonRequired(MaxReasonLength);
}
