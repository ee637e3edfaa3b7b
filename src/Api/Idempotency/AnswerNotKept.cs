namespace GemPix.Api.Idempotency;

/// <summary>
/// Endpoint metadata: the answer holds a secret (a session token) and is never kept, so a retry with the same
/// <c>Idempotency-Key</c> runs again. Only for routes that are safe to repeat.
/// </summary>
public sealed class AnswerNotKept;
