using GemPix.Domain;
using GemPix.Domain.Accounts;
using GemPix.Domain.Consents;
using GemPix.Domain.PrivacyRequests;
using GemPix.Domain.Processing;
using GemPix.EventStore;
using GemPix.EventStore.Jobs;
using GemPix.Projections.Accounts;
using GemPix.Projections.Erasure;
using GemPix.Projections.Handling;
using NodaTime;

namespace GemPix.Projections.PrivacyRequests;

/// <summary>
/// A signed-in subject's privacy request, from receipt to answer. The session verifies who asks. Erasure,
/// rectification, restriction and objection are answered at once; access and portability queue an export job whose
/// worker completes the request. Every step is an event of the request's stream, and the answer's effects are events of
/// the streams they change. Each step is idempotent, so a submission made again under the same request id (a retry
/// after a crash) takes the request on from where it stopped and never answers it twice.
/// </summary>
public sealed class PrivacyRequestWorkflow(
    CommandHandler handler, SubjectErasure erasure, JobQueue jobs, PrivacyRequestRecords records, AccountCorrection correction, ConsentNotices notices, IClock clock)
{
    public const string VerifiedBySession = "signed-in-session";

    /// <summary>Why the subject's other open requests close when they ask to be erased: nothing is left to answer them with.</summary>
    public const string SupersededByErasure = "superseded by the subject's erasure";

    /// <summary>Why a rectification ends unanswered when another account took the address between the check and the correction.</summary>
    public const string TakenEmailReason = "the email address cannot be used for this account";

    public async Task<(Guid? RequestId, Rejection? Rejection)> SubmitAsync(
        Guid requestId, Guid subjectId, PrivacyRequestType type, Jurisdiction jurisdiction, string? newDisplayName, string? newEmail, EventMetadata metadata, CancellationToken cancellationToken)
    {
        // Blank corrections are none, as the request's decider has it.
        newDisplayName = string.IsNullOrWhiteSpace(newDisplayName) ? null : newDisplayName;
        newEmail = string.IsNullOrWhiteSpace(newEmail) ? null : newEmail;
        if (type == PrivacyRequestType.Rectification && await correction.CheckAsync(subjectId, newDisplayName, newEmail, cancellationToken) is { } invalid)
        {
            return (null, invalid);
        }

        var received = await StepAsync(requestId, subjectId, new ReceivePrivacyRequest(subjectId, requestId, type, jurisdiction, newDisplayName, newEmail, clock.GetCurrentInstant()), metadata, cancellationToken);
        if (received.Rejection is { } rejection)
        {
            return (null, rejection);
        }

        switch (received.State)
        {
            case PrivacyRequestState.Existing existing when existing.SubjectId != subjectId:
                return (null, new PrivacyRequestNotFound());
            case PrivacyRequestState.Existing { IsClosed: true }:
                return (requestId, null);
        }

        await StepAsync(requestId, subjectId, new VerifyPrivacyRequest(VerifiedBySession, clock.GetCurrentInstant()), metadata, cancellationToken);
        await StepAsync(requestId, subjectId, new StartPrivacyRequest(clock.GetCurrentInstant()), metadata, cancellationToken);
        var result = await AnswerAsync(requestId, subjectId, type, newDisplayName, newEmail, metadata, cancellationToken);
        if (result is Answer.Refused refused)
        {
            await StepAsync(requestId, subjectId, new DenyPrivacyRequest(TakenEmailReason, clock.GetCurrentInstant()), metadata, cancellationToken);
            return (null, refused.Rejection);
        }

        if (result is not Answer.Later)
        {
            await StepAsync(requestId, subjectId, new CompletePrivacyRequest((result as Answer.With)?.Result, clock.GetCurrentInstant()), metadata, cancellationToken);
        }

        return (requestId, null);
    }

    /// <summary>Completes an access or portability request with the export its job produced.</summary>
    public Task CompleteWithExportAsync(Guid requestId, Guid subjectId, string reference, CancellationToken cancellationToken) =>
        StepAsync(requestId, subjectId, new CompletePrivacyRequest(new PrivacyRequestResult.Export(reference), clock.GetCurrentInstant()), ExportJobs.Worker, cancellationToken);

    private async Task<Answer> AnswerAsync(
        Guid requestId, Guid subjectId, PrivacyRequestType type, string? newDisplayName, string? newEmail, EventMetadata metadata, CancellationToken cancellationToken)
    {
        switch (type)
        {
            case PrivacyRequestType.Erasure:
                foreach (var open in (await records.ForSubjectAsync(subjectId, cancellationToken)).Where(r => r.IsOpen && r.RequestId != requestId))
                {
                    await StepAsync(open.RequestId, subjectId, new DenyPrivacyRequest(SupersededByErasure, clock.GetCurrentInstant()), metadata, cancellationToken);
                }

                var issued = await erasure.EraseAsync(subjectId, requestId, metadata, cancellationToken);
                return new Answer.With(new PrivacyRequestResult.DeletionCertificate(issued.Certificate.CertificateId));
            case PrivacyRequestType.Rectification:
                return await correction.ApplyAsync(subjectId, newDisplayName, newEmail, metadata, cancellationToken) is { } refused
                    ? new Answer.Refused(refused)
                    : new Answer.With(null);
            case PrivacyRequestType.Restriction:
                await handler.HandleAsync(
                    Deciders.Processing(subjectId), SubjectStreams.Processing(subjectId), subjectId, new RestrictProcessing(requestId, clock.GetCurrentInstant()), metadata, cancellationToken);
                return new Answer.With(null);
            case PrivacyRequestType.Objection:
                await handler.HandleAsync(
                    Deciders.Processing(subjectId), SubjectStreams.Processing(subjectId), subjectId, new ObjectToProcessing(requestId, clock.GetCurrentInstant()), metadata, cancellationToken);
                await handler.HandleAsync(
                    Deciders.Consents(subjectId, notices), SubjectStreams.Consents(subjectId), subjectId, new WithdrawForObjection(clock.GetCurrentInstant()), metadata, cancellationToken);
                return new Answer.With(null);
            default:
                await jobs.EnqueueAsync(ExportJobs.For(subjectId, requestId), cancellationToken);
                return new Answer.Later();
        }
    }

    private Task<Handled<PrivacyRequestState>> StepAsync(Guid requestId, Guid subjectId, PrivacyRequestCommand command, EventMetadata metadata, CancellationToken cancellationToken) =>
        handler.HandleAsync(Deciders.PrivacyRequest, requestId, subjectId, command, metadata, cancellationToken);

    private abstract record Answer
    {
        public sealed record With(PrivacyRequestResult? Result) : Answer;

        public sealed record Later : Answer;

        public sealed record Refused(Rejection Rejection) : Answer;
    }
}
