using GemPix.Domain.PrivacyRequests;

namespace GemPix.Cli.Seeding;

/// <summary>A privacy request a synthetic person files; a rectification names the display name they correct to.</summary>
internal sealed record SyntheticPrivacyRequest(PrivacyRequestType Type, Jurisdiction Jurisdiction, string? NewDisplayName);
