using GemPix.Domain.Protection;

namespace GemPix.Protection.Tests;

public sealed record ProfileRecorded(Personal<string> Email, Personal<string> DisplayName);

public sealed record PromptWritten(Guid GenerationId, Personal<string> Prompt);

public sealed record PaymentRecorded(Billing<string> PaymentReference, int Credits);
