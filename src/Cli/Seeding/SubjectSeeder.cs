using GemPix.Domain.Consents;
using GemPix.Domain.Credits;
using GemPix.Domain.Generations;
using GemPix.Projections.Accounts;
using GemPix.Projections.Generations;
using GemPix.Projections.Handling;
using GemPix.Projections.PrivacyRequests;
using GemPix.Projections.Uploads;
using NodaTime;

namespace GemPix.Cli.Seeding;

/// <summary>
/// Writes one <see cref="SyntheticSubject"/> through the paths the API's routes take: registration with its
/// credentials, consents under the current notices, purchases, uploads, and generation requests that reserve credits
/// and queue their jobs for the workers, and privacy requests. Every event names the person as its actor, as if they had acted themselves.
/// </summary>
internal sealed class SubjectSeeder(
    AccountRegistration registration, CommandHandler handler, UploadReceipts uploads, GenerationIntake generations, PrivacyRequestWorkflow privacyRequests, IClock clock)
{
    private static readonly ConsentNotices Notices = ConsentNotices.Default;

    public async Task SeedAsync(SyntheticSubject subject, SeedTally tally, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(tally);
        var (registered, refused) = await registration.RegisterAsync(
            Guid.CreateVersion7(), subject.Email, subject.Password, subject.DisplayName, subject.Country, subject.BirthDate, cancellationToken);
        if (refused is not null)
        {
            // Seeding the same seed twice into one database meets its own accounts again.
            tally.Refused(refused.Code);
            return;
        }

        var subjectId = registered!.Value;
        tally.Add(SeedTally.Accounts);
        await ConsentsAsync(subjectId, subject, tally, cancellationToken);
        await PurchasesAsync(subjectId, subject, tally, cancellationToken);
        var uploadIds = await UploadsAsync(subjectId, subject, tally, cancellationToken);
        await GenerationsAsync(subjectId, subject, uploadIds, tally, cancellationToken);
        if (subject.PrivacyRequest is { } request)
        {
            var (_, rejected) = await privacyRequests.SubmitAsync(
                Guid.CreateVersion7(), subjectId, request.Type, request.Jurisdiction, request.NewDisplayName, null, Actors.Subject(subjectId), cancellationToken);
            if (rejected is not null)
            {
                tally.Refused(rejected.Code);
            }
            else
            {
                tally.Add(SeedTally.PrivacyRequests);
            }
        }
    }

    private async Task ConsentsAsync(Guid subjectId, SyntheticSubject subject, SeedTally tally, CancellationToken cancellationToken)
    {
        foreach (var consent in subject.Consents)
        {
            var version = Notices.CurrentVersion(consent.Purpose);
            if (consent.History is ConsentHistory.Granted or ConsentHistory.Withdrawn)
            {
                await ConsentAsync(subjectId, new SetConsent(consent.Purpose, true, version, clock.GetCurrentInstant()), SeedTally.ConsentsGiven, tally, cancellationToken);
            }

            if (consent.History is ConsentHistory.Declined or ConsentHistory.Withdrawn)
            {
                var kind = consent.History == ConsentHistory.Declined ? SeedTally.ConsentsDeclined : SeedTally.ConsentsWithdrawn;
                await ConsentAsync(subjectId, new SetConsent(consent.Purpose, false, version, clock.GetCurrentInstant()), kind, tally, cancellationToken);
            }
        }

        if (subject.SendsGlobalPrivacyControl)
        {
            await ConsentAsync(subjectId, new HonourGlobalPrivacyControl(clock.GetCurrentInstant()), SeedTally.GlobalPrivacyControlOptOuts, tally, cancellationToken);
        }
    }

    private async Task ConsentAsync(Guid subjectId, ConsentCommand command, string kind, SeedTally tally, CancellationToken cancellationToken)
    {
        var handled = await handler.HandleAsync(
            Deciders.Consents(subjectId, Notices), SubjectStreams.Consents(subjectId), subjectId, command, Actors.Subject(subjectId), cancellationToken);
        if (handled.Rejection is { } rejection)
        {
            tally.Refused(rejection.Code);
        }
        else
        {
            tally.Add(kind, handled.Events.Count);
        }
    }

    private async Task PurchasesAsync(Guid subjectId, SyntheticSubject subject, SeedTally tally, CancellationToken cancellationToken)
    {
        foreach (var purchase in subject.Purchases)
        {
            var handled = await handler.HandleAsync(
                Deciders.Credits(subjectId), SubjectStreams.Credits(subjectId), subjectId,
                new PurchaseCredits(Guid.CreateVersion7(), purchase.Credits, purchase.PaymentReference, clock.GetCurrentInstant()), Actors.Subject(subjectId), cancellationToken);
            if (handled.Rejection is { } rejection)
            {
                tally.Refused(rejection.Code);
                continue;
            }

            tally.Add(SeedTally.Purchases);
            tally.Add(SeedTally.CreditsBought, purchase.Credits);
        }
    }

    /// <returns>Each upload's id by its index in the plan, null where it was refused.</returns>
    private async Task<Guid?[]> UploadsAsync(Guid subjectId, SyntheticSubject subject, SeedTally tally, CancellationToken cancellationToken)
    {
        var ids = new Guid?[subject.Uploads.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            var png = await SyntheticPictures.RenderAsync(subject.Uploads[i], cancellationToken);
            var (received, rejection) = await uploads.ReceiveAsync(Guid.CreateVersion7(), subjectId, png, subject.Uploads[i].Keep, Actors.Subject(subjectId), cancellationToken);
            if (rejection is not null)
            {
                tally.Refused(rejection.Code);
                continue;
            }

            ids[i] = received!.UploadId;
            tally.Add(SeedTally.Uploads);
        }

        return ids;
    }

    private async Task GenerationsAsync(Guid subjectId, SyntheticSubject subject, Guid?[] uploadIds, SeedTally tally, CancellationToken cancellationToken)
    {
        foreach (var generation in subject.Generations)
        {
            var reference = generation.ReferenceUpload is { } index ? uploadIds[index] : null;
            var (_, rejection) = await generations.RequestAsync(
                new RequestGeneration(subjectId, Guid.CreateVersion7(), generation.Prompt, generation.Width, generation.Height, generation.Seed, reference, clock.GetCurrentInstant()),
                Actors.Subject(subjectId),
                cancellationToken);
            if (rejection is not null)
            {
                tally.Refused(rejection.Code);
            }
            else
            {
                tally.Add(SeedTally.Generations);
            }
        }
    }
}
