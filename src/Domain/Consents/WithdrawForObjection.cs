using NodaTime;

namespace GemPix.Domain.Consents;

/// <summary>An objection (Art. 21) was upheld: marketing and model training are withdrawn, recorded as the objection's doing.</summary>
public sealed record WithdrawForObjection(Instant At) : ConsentCommand(At);
