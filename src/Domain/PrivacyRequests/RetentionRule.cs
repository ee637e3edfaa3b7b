using GemPix.Domain.Protection;

namespace GemPix.Domain.PrivacyRequests;

/// <summary>A scope of data an erasure keeps, on what legal basis, and for how long after the subject's last transaction.</summary>
public sealed record RetentionRule(DataScope Scope, string LegalBasis, int RetentionYears);
