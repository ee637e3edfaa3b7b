using GemPix.Domain;
using GemPix.Domain.Protection;
using NodaTime;

namespace GemPix.Protection.Marten.Tests;

[StoredEvent("test.marten.profile-recorded")]
public sealed record ProfileRecorded(Guid SubjectId, Personal<string> Email, Personal<string> DisplayName, Instant At);

[StoredEvent("test.marten.email-corrected")]
public sealed record EmailCorrected(Guid SubjectId, Personal<string> Email);

[StoredEvent("test.marten.prompt-written")]
public sealed record PromptWritten(Guid SubjectId, Guid GenerationId, Personal<string> Prompt);

[StoredEvent("test.marten.payment-recorded")]
public sealed record PaymentRecorded(Guid SubjectId, Billing<string> PaymentReference, int Credits);

/// <summary>Personal data with no subject to own it: refused, since no key can be chosen for it.</summary>
public sealed record NoteWithoutSubject(Personal<string> Note);
