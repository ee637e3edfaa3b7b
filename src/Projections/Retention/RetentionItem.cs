namespace GemPix.Projections.Retention;

/// <summary>
/// One thing a retention run purged (or, dry, would purge), named so that an operator can find it again and without
/// personal data: its kind, its id, and the deletion certificate where the purge issues one.
/// </summary>
public sealed record RetentionItem(string Kind, string Id, Guid? Certificate = null)
{
    /// <summary>A transient upload, by upload id.</summary>
    public const string Upload = "upload";

    /// <summary>A subject's billing key (and so their payment references), by subject id.</summary>
    public const string BillingKey = "billing-key";

    /// <summary>A daily partition of the API access log, by its UTC day.</summary>
    public const string AccessLogPartition = "access-log-partition";

    /// <summary>A session, by session id (never its token or the token's hash).</summary>
    public const string Session = "session";

    /// <summary>
    /// A kept answer to an <c>Idempotency-Key</c>, by a fingerprint of its scope and key: the key is the client's own
    /// string, which may say anything, and the scope is a hash of the caller.
    /// </summary>
    public const string IdempotentAnswer = "idempotent-answer";

    /// <summary>
    /// The failed sign-ins counted against one email address, by a fingerprint of the address's blind index (itself a
    /// keyed hash: the address is never stored).
    /// </summary>
    public const string SignInFailure = "sign-in-failures";
}
