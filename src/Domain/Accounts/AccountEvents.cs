using GemPix.Domain.Protection;
using NodaTime;

namespace GemPix.Domain.Accounts;

/// <summary>A person opened an account; they are a subject from now on.</summary>
[StoredEvent("account-registered")]
public sealed record AccountRegistered(
    Guid SubjectId, Personal<string> Email, Personal<string> DisplayName, string Country, Personal<LocalDate> BirthDate, Instant At);

/// <summary>Rectification (Art. 16): the display name, corrected.</summary>
[StoredEvent("display-name-corrected")]
public sealed record DisplayNameCorrected(Guid SubjectId, Personal<string> DisplayName, Instant At);

/// <summary>Rectification (Art. 16): the email, corrected.</summary>
[StoredEvent("email-corrected")]
public sealed record EmailCorrected(Guid SubjectId, Personal<string> Email, Instant At);

/// <summary>The account was closed by erasure: no command applies to it any more.</summary>
[StoredEvent("account-erased")]
public sealed record AccountErased(Guid SubjectId, Instant At);

/// <summary>
/// A person signed in. The session's token is never an event: only its hash is stored, in the sessions table,
/// which is a secret like a password and not part of the history.
/// </summary>
[StoredEvent("session-started")]
public sealed record SessionStarted(Guid SubjectId, Guid SessionId, Instant ExpiresAt, Instant At);

/// <summary>A person signed out: one session ended, its token refused from then on.</summary>
[StoredEvent("session-ended")]
public sealed record SessionEnded(Guid SubjectId, Guid SessionId, Instant At);

/// <summary>Every session of the subject ended (erasure, or a sign-out everywhere).</summary>
[StoredEvent("sessions-revoked")]
public sealed record SessionsRevoked(Guid SubjectId, Instant At);
