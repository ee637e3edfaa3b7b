using System.Collections.Concurrent;

namespace GemPix.Cli.Seeding;

/// <summary>
/// What a seed run wrote, counted per kind, safe to add to from parallel subjects. Kinds and refusal codes only: no
/// count ever names a person.
/// </summary>
internal sealed class SeedTally
{
    public const string Accounts = "accounts";
    public const string ConsentsGiven = "consents given";
    public const string ConsentsDeclined = "consents declined";
    public const string ConsentsWithdrawn = "consents withdrawn";
    public const string GlobalPrivacyControlOptOuts = "opt-outs by Global Privacy Control";
    public const string Purchases = "credit purchases";
    public const string CreditsBought = "credits bought";
    public const string Uploads = "uploads";
    public const string Generations = "generations queued";
    public const string PrivacyRequests = "privacy requests";

    private const string RefusedPrefix = "refused: ";

    private static readonly string[] Order =
        [Accounts, ConsentsGiven, ConsentsDeclined, ConsentsWithdrawn, GlobalPrivacyControlOptOuts, Purchases, CreditsBought, Uploads, Generations, PrivacyRequests];

    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Add(string kind, long count = 1) => _counts.AddOrUpdate(kind, count, (_, current) => current + count);

    /// <summary>Counts a command the domain refused, by the refusal's stable code.</summary>
    public void Refused(string code) => Add(RefusedPrefix + code);

    public long this[string kind] => _counts.GetValueOrDefault(kind);

    public long RefusalCount => _counts.Where(c => c.Key.StartsWith(RefusedPrefix, StringComparison.Ordinal)).Sum(c => c.Value);

    /// <summary>Every kind in a fixed order, then the refusals by code.</summary>
    public IReadOnlyList<(string Kind, long Count)> Rows() =>
    [
        .. Order.Select(kind => (kind, this[kind])),
        .. _counts.Where(c => c.Key.StartsWith(RefusedPrefix, StringComparison.Ordinal)).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Value)),
    ];
}
