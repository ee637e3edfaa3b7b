using GemPix.Domain.Protection;

namespace GemPix.Domain.PrivacyRequests;

/// <summary>
/// The rules that decide how a request is answered: what an export holds, what an erasure destroys and what it
/// keeps, and the deadlines. A request freezes <see cref="Current"/> when it is received (it travels in
/// <see cref="PrivacyRequestReceived"/>), so a later change to these rules never alters an open request.
/// </summary>
/// <param name="Version">Names this set of rules; changes whenever any of them does.</param>
/// <param name="Exported">What an access or portability export contains.</param>
/// <param name="Erased">The scopes whose keys an erasure destroys.</param>
/// <param name="Retained">The scopes an erasure keeps, each with its legal basis and period.</param>
/// <param name="Deadlines">One rule per jurisdiction; a request follows its own jurisdiction's.</param>
public sealed record RequestPolicy(
    string Version,
    IReadOnlyList<DataCategory> Exported,
    IReadOnlyList<DataScope> Erased,
    IReadOnlyList<RetentionRule> Retained,
    IReadOnlyList<DeadlineRule> Deadlines)
{
    /// <summary>
    /// The rules as they stand: the one place they are written down. Records of processing (Art. 30) and the
    /// export read them from here.
    /// </summary>
    public static RequestPolicy Current { get; } = new(
        "2026.11",
        [
            DataCategory.Profile,
            DataCategory.Consents,
            DataCategory.Uploads,
            DataCategory.Generations,
            DataCategory.CreditsAndBilling,
            DataCategory.PrivacyRequests,
            DataCategory.AccessLog,
        ],
        [DataScope.Personal],
        // Tax and accounting law require invoices and payments to be kept for ten years.
        [new RetentionRule(DataScope.Billing, "GDPR Art. 17(3)(b)", 10)],
        [RequestDeadlines.Gdpr, RequestDeadlines.Ccpa]);

    /// <summary>The deadline rule for <paramref name="jurisdiction"/>.</summary>
    /// <exception cref="InvalidOperationException">This policy has no rule for the jurisdiction.</exception>
    public DeadlineRule DeadlineFor(Jurisdiction jurisdiction) =>
        Deadlines.FirstOrDefault(rule => rule.Jurisdiction == jurisdiction)
        ?? throw new InvalidOperationException($"The request policy {Version} has no deadline rule for {jurisdiction}.");
}
