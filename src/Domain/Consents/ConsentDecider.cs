using GemPix.Domain.Records;

namespace GemPix.Domain.Consents;

/// <summary>
/// Opt-in and withdrawal, equally easy; a Global Privacy Control signal withdraws analytics and marketing and
/// is recorded with its source, also over an earlier opt-in. Repeating the current choice changes nothing.
/// </summary>
[ProcessingActivity("Consent records", "recording consent to analytics, marketing and model training, and its withdrawal", "GDPR Art. 7(1) and Art. 6(1)(c): demonstrating consent", Recipients = ["cloud hosting"])]
public static class ConsentDecider
{
    private static readonly ConsentPurpose[] GpcPurposes = [ConsentPurpose.Analytics, ConsentPurpose.Marketing];
    private static readonly ConsentPurpose[] ObjectionPurposes = [ConsentPurpose.Marketing, ConsentPurpose.ModelTraining];

    public static Decision Decide(ConsentCommand command, ConsentState state, ConsentNotices notices) => command switch
    {
        SetConsent set => DecideSet(set, state, notices),
        HonourGlobalPrivacyControl gpc => Decision.Accept([.. GpcPurposes
            .Where(p => !(state.Records.TryGetValue(p, out var r) && !r.Granted && r.Source == ConsentSource.Gpc))
            .Select(p => new ConsentWithdrawn(state.SubjectId, p, notices.CurrentVersion(p), ConsentSource.Gpc, gpc.At))]),
        WithdrawForObjection objection => Decision.Accept([.. ObjectionPurposes
            .Where(p => !(state.Records.TryGetValue(p, out var r) && !r.Granted && r.Source == ConsentSource.Objection))
            .Select(p => new ConsentWithdrawn(state.SubjectId, p, notices.CurrentVersion(p), ConsentSource.Objection, objection.At))]),
        _ => throw new InvalidOperationException($"No decision for {command.GetType().Name}."),
    };

    private static Decision DecideSet(SetConsent set, ConsentState state, ConsentNotices notices)
    {
        var current = state.Records.GetValueOrDefault(set.Purpose);
        var version = notices.CurrentVersion(set.Purpose);
        if (set.Granted)
        {
            if (set.NoticeVersion != version)
            {
                return new UnknownNoticeVersion(set.Purpose, version);
            }

            return current is { Granted: true } && current.NoticeVersion == version
                ? Decision.Nothing
                : Decision.Accept(new ConsentGiven(state.SubjectId, set.Purpose, version, ConsentSource.User, set.At));
        }

        // An explicit "no" is recorded even where nothing was given: the record shows the choice.
        return current is { Granted: false }
            ? Decision.Nothing
            : Decision.Accept(new ConsentWithdrawn(state.SubjectId, set.Purpose, version, ConsentSource.User, set.At));
    }

    public static ConsentState Evolve(ConsentState state, object @event) => @event switch
    {
        ConsentGiven given => state with
        {
            Records = state.Records.SetItem(given.Purpose, new ConsentRecord(given.Purpose, true, given.NoticeVersion, given.Source, given.At)),
        },
        ConsentWithdrawn withdrawn => state with
        {
            Records = state.Records.SetItem(withdrawn.Purpose, new ConsentRecord(withdrawn.Purpose, false, withdrawn.NoticeVersion, withdrawn.Source, withdrawn.At)),
        },
        _ => throw new InvalidOperationException($"Consents do not know the event {@event.GetType().Name}."),
    };
}
