using GemPix.Domain.Protection;

namespace GemPix.Domain.PrivacyRequests;

/// <summary>
/// The corrections a rectification asks for; either may be absent. They are the subject's personal data and
/// are erased with it. They are checked when applied to the account, not here.
/// </summary>
public sealed record RectificationDetails(Personal<string>? DisplayName, Personal<string>? Email);
