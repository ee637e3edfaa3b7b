using GemPix.Domain.Accounts;
using GemPix.Domain.Consents;
using GemPix.Domain.Credits;
using GemPix.Domain.Generations;
using GemPix.Domain.PrivacyRequests;
using GemPix.Domain.Processing;
using GemPix.Domain.Uploads;

namespace GemPix.Projections.Handling;

/// <summary>The domain's deciders and the stream type each one's streams are stored under.</summary>
public static class Deciders
{
    public static Decider<AccountCommand, AccountState> Account { get; } =
        new("account", AccountDecider.Initial, AccountDecider.Decide, AccountDecider.Evolve);

    public static Decider<UploadCommand, UploadState> Upload { get; } =
        new("upload", UploadDecider.Initial, UploadDecider.Decide, UploadDecider.Evolve);

    public static Decider<PrivacyRequestCommand, PrivacyRequestState> PrivacyRequest { get; } =
        new("privacy-request", PrivacyRequestDecider.Initial, PrivacyRequestDecider.Decide, PrivacyRequestDecider.Evolve);

    public static Decider<GenerationCommand, GenerationState> Generation { get; } =
        new("generation", GenerationDecider.Initial, GenerationDecider.Decide, GenerationDecider.Evolve);

    public static Decider<ConsentCommand, ConsentState> Consents(Guid subjectId, ConsentNotices notices) =>
        new("consents", ConsentState.For(subjectId), (c, s) => ConsentDecider.Decide(c, s, notices), ConsentDecider.Evolve);

    public static Decider<ProcessingCommand, ProcessingState> Processing(Guid subjectId) =>
        new("processing", ProcessingState.For(subjectId), ProcessingDecider.Decide, ProcessingDecider.Evolve);

    public static Decider<CreditCommand, CreditState> Credits(Guid subjectId) =>
        new("credits", CreditState.For(subjectId), CreditDecider.Decide, CreditDecider.Evolve);
}
