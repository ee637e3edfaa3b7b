using NodaTime;

namespace GemPix.Domain.Consents;

public abstract record ConsentCommand(Instant At);

/// <summary>Give or withdraw consent to one purpose, against the notice version the person saw.</summary>
public sealed record SetConsent(ConsentPurpose Purpose, bool Granted, int NoticeVersion, Instant At) : ConsentCommand(At);

/// <summary>A request carried <c>Sec-GPC: 1</c>: an opt-out of analytics and marketing, recorded as such.</summary>
public sealed record HonourGlobalPrivacyControl(Instant At) : ConsentCommand(At);
