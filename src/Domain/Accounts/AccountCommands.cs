using NodaTime;

namespace GemPix.Domain.Accounts;

/// <summary>What can be asked of an account. Each carries the instant it was issued at: deciders read no clock.</summary>
public abstract record AccountCommand(Instant At);

public sealed record RegisterAccount(Guid SubjectId, string Email, string DisplayName, string Country, LocalDate BirthDate, Instant At) : AccountCommand(At);

public sealed record CorrectDisplayName(string DisplayName, Instant At) : AccountCommand(At);

public sealed record CorrectEmail(string Email, Instant At) : AccountCommand(At);

public sealed record EraseAccount(Instant At) : AccountCommand(At);

/// <summary>Sign in, after the password was checked: the decider refuses a closed account.</summary>
public sealed record StartSession(Guid SessionId, Instant ExpiresAt, Instant At) : AccountCommand(At);

/// <summary>Sign out: the session the request came with ends; the others go on.</summary>
public sealed record EndSession(Guid SessionId, Instant At) : AccountCommand(At);

/// <summary>Sign out everywhere: every session of the account ends.</summary>
public sealed record RevokeSessions(Instant At) : AccountCommand(At);
